// `tidings/vue`: the plugin (`app.use(createTidings({...}))`) and headless composables backed by
// Pinia stores. No Element Plus, no vue-i18n, no `window` at import (SSR-safe).
export { TIDINGS_LOCALE, useTidingsLocale, type TidingsLocale } from '../src/plugin/locale'
