// The plugin with the socket store bundled in: an app that shows notifications loads it anyway,
// so it comes with the plugin rather than as a chunk of its own (and the bundler's preload helper).
import type { Plugin } from 'vue'
import { useWebSocketStore } from '../stores/websocket'
import { tidingsPlugin, type TidingsOptions } from './tidingsPlugin'

export type { TidingsOptions } from './tidingsPlugin'

/**
 * The plugin: `app.use(createPinia()).use(createTidings({ getToken: () => auth.token }))`.
 * Pinia must be installed first (Tidings' stores live in it).
 */
export function createTidings(options: TidingsOptions): Plugin {
  return tidingsPlugin(options, () => useWebSocketStore)
}
