// The Vue plugin: binds the host app's session to Tidings' stores, provides the language of
// Tidings' texts, and (by default) keeps the notification socket open while someone is signed in.
import { computed, effectScope, toValue, watch, type App, type MaybeRefOrGetter, type Plugin } from 'vue'
import type { Pinia } from 'pinia'
import { bindSession, type TidingsContext, type TidingsSession } from './context'
import { TIDINGS_LOCALE, type TidingsLocale } from './locale'

export interface TidingsOptions extends TidingsSession {
  /** The language of Tidings' own texts; a ref or getter follows the app's language switch. @default 'en' */
  locale?: MaybeRefOrGetter<TidingsLocale>
  /** Connect while `getToken()` gives a token, disconnect when it gives null (in a browser; never while rendering on a server). @default true */
  autoConnect?: boolean
}

/**
 * The plugin: `app.use(createPinia()).use(createTidings({ getToken: () => auth.token }))`.
 * Pinia must be installed first (Tidings' stores live in it).
 */
export function createTidings(options: TidingsOptions): Plugin {
  return {
    install(app: App) {
      const pinia = app.config.globalProperties.$pinia as Pinia | undefined
      if (!pinia)
        throw new Error('[tidings] install Pinia first: app.use(createPinia()) before app.use(createTidings(…))')
      const context = bindSession(pinia, options)
      app.provide(TIDINGS_LOCALE, computed(() => toValue(options.locale) ?? 'en'))
      // Server-side rendering has no page to keep live, and would leave a socket nobody closes.
      if ((options.autoConnect ?? true) && !import.meta.env?.SSR && typeof window !== 'undefined')
        keepConnectedWhileSignedIn(app, pinia, context)
    },
  }
}

/**
 * Connects on sign-in (and at start when already signed in). Signing out needs nothing here: the
 * socket store closes on a null token itself, keeping an "unauthorized" verdict readable, and
 * reconnects on the next token. The store's code loads on the first sign-in, so a login page that
 * installs the plugin does not download the socket, the stores and the protocol parser.
 */
function keepConnectedWhileSignedIn(app: App, pinia: Pinia, context: TidingsContext): void {
  const scope = effectScope(true)
  let disconnect: (() => void) | null = null
  scope.run(() => {
    watch(() => !!context.getToken(), async (signedIn) => {
      if (!signedIn)
        return
      const { useWebSocketStore } = await import('../stores/websocket')
      if (!scope.active || !context.getToken())
        return
      const socket = useWebSocketStore(pinia)
      disconnect = socket.disconnect
      socket.connect()
    }, { immediate: true })
  })
  app.onUnmount(() => {
    scope.stop()
    disconnect?.()
  })
}
