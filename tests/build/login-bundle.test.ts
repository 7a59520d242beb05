// What a signed-out visitor downloads: the production build's /login scripts (the entry and the login
// view's chunk, with everything they import statically) hold no zod. The stored user and the sign-in
// calls are checked without it (src/protocol/userCheck.ts, src/protocol/authEndpoints.ts). Since the
// client validates frames and replies with hand checks (src/protocol/checks), no page of the app does.
// No page downloads vue-i18n: the app's texts use Tidings' own message format (src/i18n/useAppText.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { build, type Rollup } from 'vite'

const outDir = mkdtempSync(join(tmpdir(), 'tidings-login-bundle-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

/** The modules of the chunks loaded before the login page shows: the entry's and LoginView's, transitively. */
function loginPageModules(chunks: Rollup.OutputChunk[]): string[] {
  const byName = new Map(chunks.map(chunk => [chunk.fileName, chunk]))
  const starts = chunks.filter(chunk => chunk.isEntry || chunk.facadeModuleId?.endsWith('/src/views/LoginView.vue'))
  expect(starts).toHaveLength(2)
  const seen = new Set<Rollup.OutputChunk>()
  const visit = (chunk: Rollup.OutputChunk | undefined) => {
    if (!chunk || seen.has(chunk))
      return
    seen.add(chunk)
    chunk.imports.forEach(name => visit(byName.get(name)))
  }
  starts.forEach(visit)
  return [...seen].flatMap(chunk => chunk.moduleIds)
}

const isZod = (id: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(id)

let chunks: Rollup.OutputChunk[] = []
beforeAll(async () => {
  const output = await build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), logLevel: 'silent', build: { outDir, write: false } })
  chunks = (Array.isArray(output) ? output : [output as Rollup.RollupOutput])
    .flatMap(result => result.output)
    .filter((file): file is Rollup.OutputChunk => file.type === 'chunk')
}, 180_000)

test('the login page downloads no zod', () => {
  const modules = loginPageModules(chunks)
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
