// Placeholder entry until the app shell lands (issue 4).
import { createApp, h } from 'vue'

createApp({ render: () => h('p', 'Tidings') }).mount('#app')
