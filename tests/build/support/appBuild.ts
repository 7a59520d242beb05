// The app's production build as the build tests read it: its JavaScript chunks (built once per test
// file, into a temp folder removed after it), and the chunks a page downloads before it runs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { build, type Rollup } from 'vite'

/** Returns a function giving the build's chunks; the build runs on the first call. */
export function useAppBuild(): () => Promise<Rollup.OutputChunk[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'tidings-app-build-'))
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))
  let built: Promise<Rollup.OutputChunk[]> | undefined
  return () => {
    built ??= build({ configFile: join(import.meta.dirname, '../../../vite.config.ts'), logLevel: 'silent', build: { outDir, write: false } })
      .then(output => (Array.isArray(output) ? output : [output as Rollup.RollupOutput])
        .flatMap(result => result.output)
        .filter((file): file is Rollup.OutputChunk => file.type === 'chunk'))
    return built
  }
}

/** The chunks a page downloads before it runs: the entry's and those of `views`, with what they import. */
export function pageChunks(chunks: Rollup.OutputChunk[], views: RegExp): Rollup.OutputChunk[] {
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
