// The whole client setup: Pinia, then Tidings with this app's own token. No Element Plus anywhere.
import { createPinia } from 'pinia'
import { createTidings } from 'tidings/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { currentToken } from './session'

createApp(App)
  .use(createPinia())
  .use(createTidings({ getToken: currentToken }))
  .mount('#app')
