// `tsx tools/check-package.ts tidings-x.y.z.tgz` (run by examples/run.sh after npm pack): fails when
// the tarball would not work for a consumer, before any example is installed from it.
//  - every target in package.json `exports` is in the tarball;
//  - every package the built JavaScript and declarations import is a dependency or peer (or a node:
//    builtin), so a consumer's install provides it;
//  - nothing but dist-lib/, package.json and README.md is packed (no sources, tests or app).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

interface Manifest {
  exports: Record<string, string | Record<string, string>>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

/** `@scope/name/deep` → `@scope/name`, `name/deep` → `name`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')
const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"'.\s][^"'\s]*)["']/g
const builtins = new Set(builtinModules)

/** What is wrong with the tarball for a consumer, one sentence each; empty when nothing is. */
export function packageProblems(tarball: string): string[] {
  const unpacked = mkdtempSync(join(tmpdir(), 'tidings-package-'))
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked])
    const read = (path: string) => readFileSync(join(unpacked, 'package', path), 'utf8')
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(path => path && !path.endsWith('/'))
      .map(path => path.replace(/^package\//, ''))
    const manifest = JSON.parse(read('package.json')) as Manifest
    const problems: string[] = []

    for (const [entry, target] of Object.entries(manifest.exports)) {
      for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
        if (!files.includes(path.replace(/^\.\//, '')))
          problems.push(`exports["${entry}"] points at ${path}, which is not in the tarball`)
      }
    }

    const stray = files.filter(path => !path.startsWith('dist-lib/') && !['package.json', 'README.md'].includes(path))
    if (stray.length > 0)
      problems.push(`packed but not for consumers: ${stray.join(', ')}`)

    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])
    const undeclared = new Map<string, string>()
    for (const path of files.filter(path => /\.(m?js|d\.ts)$/.test(path))) {
      for (const [, specifier] of read(path).matchAll(importPattern)) {
        const name = packageOf(specifier)
        if (!specifier.startsWith('node:') && !builtins.has(name) && !declared.has(name) && !undeclared.has(name))
          undeclared.set(name, path)
      }
    }
    for (const [name, path] of undeclared)
      problems.push(`${path} imports ${name}, which is neither a dependency nor a peer dependency`)
    return problems
  }
  finally {
    rmSync(unpacked, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tarball = process.argv[2]
  if (!tarball)
    throw new Error('usage: tsx tools/check-package.ts <tarball>')
  const problems = packageProblems(tarball)
  if (problems.length > 0) {
    console.error(`${tarball}:\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
  console.log(`${tarball}: every export present, every import declared, nothing but dist-lib/ packed`)
}
