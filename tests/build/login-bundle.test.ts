// What a signed-out visitor downloads: the production build's /login scripts (the entry and the login
// view's chunk, with everything they import statically) hold no zod. The stored user and the sign-in
// calls are checked without it (src/protocol/userCheck.ts, src/protocol/authEndpoints.ts).
// No page downloads vue-i18n: the app's texts use Tidings' own message format (src/i18n/useAppText.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
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

let built: Promise<Rollup.OutputChunk[]> | undefined

/** The app's production build (once for the file), its JavaScript chunks. */
function appChunks(): Promise<Rollup.OutputChunk[]> {
  built ??= build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), logLevel: 'silent', build: { outDir, write: false } })
    .then(output => (Array.isArray(output) ? output : [output as Rollup.RollupOutput])
      .flatMap(result => result.output)
      .filter((file): file is Rollup.OutputChunk => file.type === 'chunk'))
  return built
}

test('the login page downloads no zod', async () => {
  const modules = loginPageModules(await appChunks())
  expect(modules.some(id => id.includes('/src/stores/auth.ts'))).toBe(true)
  expect(modules.filter(id => /[\\/]node_modules[\\/]zod[\\/]/.test(id))).toEqual([])
}, 180_000)

test('no page of the app downloads vue-i18n', async () => {
  const modules = (await appChunks()).flatMap(chunk => chunk.moduleIds)
  expect(modules.some(id => id.includes('/src/i18n/index.ts'))).toBe(true)
  expect(modules.filter(id => /[\\/]node_modules[\\/](vue-i18n|@intlify)[\\/]/.test(id))).toEqual([])
}, 180_000)
