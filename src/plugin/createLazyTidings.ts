// The plugin for an app whose first page (a login page) should not download the socket: the socket
// store, the connection and the frame checks are a chunk of their own, loaded on the first sign-in.
import type { Plugin } from 'vue'
import { tidingsPlugin, type TidingsOptions } from './tidingsPlugin'

/**
 * `createTidings` with the socket's code loaded on the first sign-in rather than with the plugin.
 * Same options; worth it when pages without a session come first and nothing on them imports a store.
 */
export function createLazyTidings(options: TidingsOptions): Plugin {
  return tidingsPlugin(options, async () => (await import('../stores/websocket')).useWebSocketStore)
}
