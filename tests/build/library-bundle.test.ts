// What a Vue app that installs Tidings and uses it headless (createTidings, useNotifications,
// useUnreadCount from tidings/vue, as bench/bundle/library.ts measures it) puts in its bundle: the
// package built as it is packed, then bundled by Vite as a consumer would. The client validates with
// hand checks (src/protocol/checks), so zod, still a dependency for those who import a schema, stays out.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { build, type Rollup } from 'vite'

const root = resolve(import.meta.dirname, '../..')
// Inside the repository, so the consumer resolves zod, vue and pinia from its node_modules.
mkdirSync(join(root, 'bench/.scratch'), { recursive: true })
const scratch = mkdtempSync(join(root, 'bench/.scratch/test-library-bundle-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const PEERS = [/^vue$/, /^@vue\//, /^pinia$/, /^element-plus($|\/)/, /^@element-plus\//]
const isZod = (id: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(id)

let packageDir = ''
beforeAll(async () => {
  packageDir = join(scratch, 'package')
  await build({ configFile: join(root, 'vite.lib.config.ts'), mode: 'browser', logLevel: 'silent', build: { outDir: packageDir, emptyOutDir: true } })
}, 180_000)

/** The chunks of a consumer's bundle of `entry` (an `export … from 'tidings…'` line). */
async function consumerChunks(name: string, entry: string): Promise<Rollup.OutputChunk[]> {
  const consumer = join(scratch, name)
  mkdirSync(consumer, { recursive: true })
  writeFileSync(join(consumer, 'entry.js'), `${entry}\n`)
  const output = await build({
    configFile: false,
    root: consumer,
    logLevel: 'silent',
    resolve: {
      alias: [
        { find: /^tidings$/, replacement: join(packageDir, 'index.js') },
        { find: /^tidings\/(vue|element-plus)$/, replacement: join(packageDir, '$1.js') },
      ],
    },
    build: {
      write: false,
      rolldownOptions: { input: join(consumer, 'entry.js'), external: id => PEERS.some(peer => peer.test(id)), preserveEntrySignatures: 'exports-only' },
    },
  })
  return (Array.isArray(output) ? output : [output as Rollup.RollupOutput])
    .flatMap(result => result.output)
    .filter((file): file is Rollup.OutputChunk => file.type === 'chunk')
}

/** The module ids a consumer's bundle of `entry` holds. */
async function consumerModules(name: string, entry: string): Promise<string[]> {
  return (await consumerChunks(name, entry)).flatMap(chunk => chunk.moduleIds)
}

test('a headless consumer of tidings/vue gets the hand checks and no zod', async () => {
  const modules = await consumerModules('headless', `export { createTidings, useNotifications, useUnreadCount } from 'tidings/vue'`)
  expect(modules.some(id => id.endsWith('/src/protocol/checks/wire.js'))).toBe(true)
  expect(modules.filter(isZod)).toEqual([])
}, 120_000)

// A chunk loaded later would cost the consumer a second request and Vite's preload helper (~1 KB gzip)
// for code every signed-in page runs anyway; createLazyTidings is the opt-in for that split.
test('a headless consumer of tidings/vue gets one script, with the socket in it and nothing loaded later', async () => {
  const chunks = await consumerChunks('headless-chunks', `export { createTidings, useNotifications, useUnreadCount } from 'tidings/vue'`)
  expect(chunks.map(chunk => chunk.fileName)).toHaveLength(1)
  expect(chunks[0].moduleIds.some(id => id.endsWith('/src/stores/websocket.js'))).toBe(true)
  expect(chunks[0].dynamicImports).toEqual([])
  expect(chunks[0].moduleIds.filter(id => id.includes('preload-helper'))).toEqual([])
}, 120_000)

test('a consumer of createLazyTidings gets the socket in a chunk of its own', async () => {
  const chunks = await consumerChunks('lazy', `export { createLazyTidings } from 'tidings/vue'`)
  const entry = chunks.find(chunk => chunk.isEntry)!
  expect(entry.moduleIds.filter(id => id.endsWith('/src/stores/websocket.js'))).toEqual([])
  expect(chunks.some(chunk => !chunk.isEntry && chunk.moduleIds.some(id => id.endsWith('/src/stores/websocket.js')))).toBe(true)
}, 120_000)

test('a consumer who imports a schema from tidings gets zod with it', async () => {
  const modules = await consumerModules('schema', `export { notificationSchema } from 'tidings'`)
  expect(modules.some(isZod)).toBe(true)
}, 120_000)
