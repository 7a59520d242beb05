// The app's side of Tidings: its session (the auth store's token, refresh and user) and its
// language (src/i18n's) handed to the plugin. main.ts installs it; the view tests mount with it.
import type { Pinia } from 'pinia'
import type { Plugin } from 'vue'
import { createLazyTidings } from 'tidings/vue'
import type { AppI18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'

export function appTidings(pinia: Pinia, i18n: AppI18n): Plugin {
  const auth = useAuthStore(pinia)
  // Lazy: the login page comes first and needs none of the socket's code.
  return createLazyTidings({
    baseUrl: import.meta.env.VITE_API_BASE_URL,
    getToken: () => auth.token,
    refreshToken: () => auth.refresh(),
    getUserId: () => auth.username,
    locale: i18n.locale,
  })
}
