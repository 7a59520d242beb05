import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppI18n, savedLocale } from './i18n'
import { loadLocale } from './i18n/loadLocale'
import { createAppRouter } from './router'
import { appTidings } from './tidings'
import { startColorScheme } from './utils/colorScheme'
// Styles of the Element Plus services called from script (components bring their own on demand).
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-notification.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import './styles/theme.css'
import './styles/main.css'

startColorScheme()
const locale = savedLocale()
const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
// The router starts loading the first page's chunks now, while the language's messages arrive.
app.use(createAppRouter())
// (A promise rather than top-level await: an entry that awaits makes the bundler split it further.)
loadLocale(locale).then(
  () => {
    const i18n = createAppI18n(locale)
    app.use(i18n)
    // Before mounting, so every Tidings store is created with the session and the language.
    app.use(appTidings(pinia, i18n))
    app.mount('#app')
  },
  error => console.error(`[tidings] could not load the ${locale} messages; reload the page to try again`, error),
)
