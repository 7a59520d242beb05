// The Vue plugin's work, shared by `createTidings` and `createLazyTidings`: binds the host app's
// session to Tidings' stores, provides the language of Tidings' texts, and (by default) keeps the
// notification socket open while someone is signed in. The two differ only in where the socket
// store's code comes from (bundled with the plugin, or loaded on the first sign-in).
import { computed, effectScope, toValue, watch, type App, type MaybeRefOrGetter, type Plugin } from 'vue'
import type { Pinia } from 'pinia'
import type { useWebSocketStore } from '../stores/websocket'
import { bindSession, type TidingsContext, type TidingsSession } from './context'
import { TIDINGS_LOCALE, type TidingsLocale } from './locale'

export interface TidingsOptions extends TidingsSession {
  /** The language of Tidings' own texts; a ref or getter follows the app's language switch. @default 'en' */
  locale?: MaybeRefOrGetter<TidingsLocale>
  /** Connect while `getToken()` gives a token, disconnect when it gives null (in a browser; never while rendering on a server). @default true */
  autoConnect?: boolean
}

/** Gives the socket store, at once or once its code has loaded. */
export type SocketStoreSource = () => typeof useWebSocketStore | Promise<typeof useWebSocketStore>

/** The plugin, taking the socket store from `socketStore` when autoConnect first sees a token. */
export function tidingsPlugin(options: TidingsOptions, socketStore: SocketStoreSource): Plugin {
  return {
    install(app: App) {
      const pinia = app.config.globalProperties.$pinia as Pinia | undefined
      if (!pinia)
        throw new Error('[tidings] install Pinia first: app.use(createPinia()) before app.use(createTidings(…))')
      const context = bindSession(pinia, options)
      app.provide(TIDINGS_LOCALE, computed(() => toValue(options.locale) ?? 'en'))
      // Server-side rendering has no page to keep live, and would leave a socket nobody closes.
      if ((options.autoConnect ?? true) && !import.meta.env?.SSR && typeof window !== 'undefined')
        keepConnectedWhileSignedIn(app, pinia, context, socketStore)
    },
  }
}

/**
 * Connects on sign-in (and at start when already signed in). Signing out needs nothing here: the
 * socket store closes on a null token itself, keeping an "unauthorized" verdict readable, and
 * reconnects on the next token.
 */
function keepConnectedWhileSignedIn(app: App, pinia: Pinia, context: TidingsContext, socketStore: SocketStoreSource): void {
  const scope = effectScope(true)
  let disconnect: (() => void) | null = null
  scope.run(() => {
    watch(() => !!context.getToken(), async (signedIn) => {
      if (!signedIn)
        return
      const useWebSocketStore = await socketStore()
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
