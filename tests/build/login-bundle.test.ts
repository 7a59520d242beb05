// What a signed-out visitor downloads: the production build's /login scripts (the entry and the login
// view's chunk, with everything they import statically) hold no zod. The stored user and the sign-in
// calls are checked without it (src/protocol/userCheck.ts, src/protocol/authEndpoints.ts). Since the
// client validates frames and replies with hand checks (src/protocol/checks), no page of the app does.
// No page downloads vue-i18n: the app's texts use Tidings' own message format (src/i18n/useAppText.ts).
import { beforeAll, expect, test } from 'vitest'
import type { Rollup } from 'vite'
import { pageChunks, useAppBuild } from './support/appBuild'

const appChunks = useAppBuild()

/** The modules of the chunks loaded before the login page shows: the entry's and LoginView's, transitively. */
function loginPageModules(chunks: Rollup.OutputChunk[]): string[] {
  return pageChunks(chunks, /\/src\/views\/LoginView\.vue$/).flatMap(chunk => chunk.moduleIds)
}

const isZod = (id: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(id)

let chunks: Rollup.OutputChunk[] = []
beforeAll(async () => {
  chunks = await appChunks()
}, 180_000)

test('the login page downloads no zod', () => {
  const modules = loginPageModules(chunks)
  expect(modules.some(id => id.endsWith('/src/views/LoginView.vue'))).toBe(true)
  expect(modules.some(id => id.includes('/src/stores/auth.ts'))).toBe(true)
  expect(modules.filter(isZod)).toEqual([])
})

test('the login page downloads none of the socket\'s code (it loads on sign-in)', () => {
  const modules = loginPageModules(chunks)
  expect(modules.filter(id => /\/src\/(stores\/websocket|realtime\/connection)\.ts$/.test(id))).toEqual([])
})

test('no script of the app holds zod, the notifications page and its socket included', () => {
  const modules = chunks.flatMap(chunk => chunk.moduleIds)
  expect(modules.some(id => id.endsWith('/src/views/NotificationsView.vue'))).toBe(true)
  expect(modules.some(id => id.endsWith('/src/stores/websocket.ts'))).toBe(true)
  expect(modules.filter(isZod)).toEqual([])
})

test('no page of the app downloads vue-i18n', () => {
  const modules = chunks.flatMap(chunk => chunk.moduleIds)
  expect(modules.some(id => id.includes('/src/i18n/index.ts'))).toBe(true)
  expect(modules.filter(id => /[\\/]node_modules[\\/](vue-i18n|@intlify)[\\/]/.test(id))).toEqual([])
})
