// `tidings/vue` on a server (SSR, or a Node test runner): importing it touches no browser global,
// it renders with the plugin installed, and what it bundles leaves out vue-i18n, Element Plus and
// vue-router (checked on the entry's module graph as Vite builds it, Vue and Pinia being peers).
import { fileURLToPath } from 'node:url'
import { expect, test, vi } from 'vitest'
import { build, type Rollup } from 'vite'
import { sourceAliases } from '../../build/aliases'

/** Vue and Pinia: what `tidings/vue` leaves to the consumer (peer dependencies). */
const vuePeers = (id: string) => id === 'vue' || id === 'pinia' || id.startsWith('@vue/')

/** The ids of the modules Vite puts in a library build of `entry` (the `external` ones left out). */
async function bundledModules(entry: string, external: (id: string) => boolean = () => false): Promise<string[]> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: sourceAliases },
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL(`../../${entry}`, import.meta.url)), formats: ['es'] },
      rollupOptions: { external },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[]
  return outputs.flatMap(output => output.output.flatMap(chunk => (chunk.type === 'chunk' ? Object.keys(chunk.modules) : [])))
}

test('tidings/vue imports where there is no window, document or storage', async () => {
  // Node has none of them: a module reading one unguarded at import would throw here.
  expect([typeof window, typeof document, typeof localStorage]).toEqual(['undefined', 'undefined', 'undefined'])
  const tidingsVue = await import('tidings/vue')
  expect(typeof tidingsVue.createTidings).toBe('function')
})

test('a component using the composables renders on the server with the plugin installed', async () => {
  const { createSSRApp, defineComponent, h } = await import('vue')
  const { renderToString } = await import('vue/server-renderer')
  const { createPinia } = await import('pinia')
  const { createTidings, useConnection, useUnreadCount } = await import('tidings/vue')
  const Bell = defineComponent(() => {
    const { count } = useUnreadCount()
    const { status } = useConnection()
    return () => h('button', `${count.value} unread (${status.value})`)
  })
  const pinia = createPinia()
  const app = createSSRApp(Bell).use(pinia).use(createTidings({ getToken: () => 'a-signed-in-token' }))
  expect(await renderToString(app)).toBe('<button>0 unread (idle)</button>')
  // Signed in, yet no socket is opened on the server (autoConnect is for the browser).
  await vi.dynamicImportSettled()
  const { useWebSocketStore } = await import('tidings/vue')
  expect(useWebSocketStore(pinia).status).toBe('idle')
  // The stores hold a tab channel each: close them (Pinia has no public "dispose all").
  ;(pinia as unknown as { _s: Map<string, { $dispose: () => void }> })._s.forEach(store => store.$dispose())
})

test('tidings/vue bundles neither vue-i18n, Element Plus nor vue-router, nor the app around it', async () => {
  const modules = await bundledModules('lib/vue.ts', vuePeers)
  expect(modules.some(id => id.includes('/src/stores/websocket.ts'))).toBe(true)
  const foreign = modules.filter(id => /node_modules\/(vue-i18n|@intlify|element-plus|vue-router)\/|\/src\/(i18n|views|router|components)\/|\/src\/stores\/auth\.ts/.test(id))
  expect(foreign).toEqual([])
}, 60_000)

test('tidings bundles no Vue and no Pinia at all', async () => {
  const modules = await bundledModules('lib/index.ts')
  expect(modules.some(id => id.includes('/src/realtime/connection.ts'))).toBe(true)
  expect(modules.filter(id => /node_modules\/(vue|@vue\/|pinia)/.test(id) || /\/src\/(stores|plugin)\//.test(id))).toEqual([])
}, 60_000)
