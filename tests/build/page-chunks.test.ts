// How the production build is cut into files (build/pageChunks.ts): the first signed-in page arrives in
// a few files rather than fifty, the login page still downloads none of the signed-in pages' code, and
// no chunk imports one that imports it back (its modules could run before those they use).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { build, type Rollup } from 'vite'

const outDir = mkdtempSync(join(tmpdir(), 'tidings-page-chunks-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

let built: Promise<Rollup.OutputChunk[]> | undefined

/** The app's production build (once for the file), its JavaScript chunks. */
function appChunks(): Promise<Rollup.OutputChunk[]> {
  built ??= build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), logLevel: 'silent', build: { outDir, write: false } })
    .then(output => (Array.isArray(output) ? output : [output as Rollup.RollupOutput])
      .flatMap(result => result.output)
      .filter((file): file is Rollup.OutputChunk => file.type === 'chunk'))
  return built
}

/** The chunks a page downloads before it runs: the entry's and those of `views`, with what they import. */
function pageChunks(chunks: Rollup.OutputChunk[], views: RegExp): Rollup.OutputChunk[] {
  const byName = new Map(chunks.map(chunk => [chunk.fileName, chunk]))
  const seen = new Set<Rollup.OutputChunk>()
  const visit = (chunk: Rollup.OutputChunk | undefined) => {
    if (!chunk || seen.has(chunk))
      return
    seen.add(chunk)
    chunk.imports.forEach(name => visit(byName.get(name)))
  }
  chunks.filter(chunk => chunk.isEntry || views.test(chunk.facadeModuleId ?? '')).forEach(visit)
  return [...seen]
}

const SIGNED_IN_PAGE = /\/src\/views\/(shell\/AppLayout\.vue|NotificationsView\.vue|shell\/SessionConnection\.ts)$/

test('the first signed-in page downloads its code in a handful of files', async () => {
  const files = pageChunks(await appChunks(), SIGNED_IN_PAGE)
  expect(files.flatMap(chunk => chunk.moduleIds).some(id => id.endsWith('/src/inbox/model.ts'))).toBe(true)
  expect(files.length).toBeLessThanOrEqual(12)
}, 180_000)

test('the login page downloads none of the signed-in pages\' code', async () => {
  const modules = pageChunks(await appChunks(), /\/src\/views\/LoginView\.vue$/).flatMap(chunk => chunk.moduleIds)
  expect(modules.some(id => id.endsWith('/src/views/LoginView.vue'))).toBe(true)
  expect(modules.filter(id => /\/src\/(inbox|realtime|views\/shell|components\/notifications)\//.test(id))).toEqual([])
}, 180_000)

test('no chunk imports one that imports it back', async () => {
  const chunks = await appChunks()
  const byName = new Map(chunks.map(chunk => [chunk.fileName, chunk]))
  const cycles: string[] = []
  for (const start of chunks) {
    const path: string[] = []
    const visit = (name: string): void => {
      if (name === start.fileName && path.length) {
        cycles.push([...path, name].join(' → '))
        return
      }
      if (path.includes(name))
        return
      path.push(name)
      byName.get(name)?.imports.forEach(visit)
      path.pop()
    }
    visit(start.fileName)
  }
  expect(cycles).toEqual([])
}, 180_000)
