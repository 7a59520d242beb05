// After `vue-tsc -p tsconfig.lib.json`, makes every import in dist-lib/types resolvable from inside a
// consumer's node_modules, whichever `moduleResolution` the consumer uses:
//  - TypeScript copies the `@/…` path alias as written: `'@/x'` becomes the relative path to
//    dist-lib/types/src/x;
//  - relative imports get the `.js` (or `/index.js`) a Node ESM resolver (`nodenext`) requires, which
//    TypeScript maps to the `.d.ts` beside it (`./Bell.vue` → `./Bell.vue.js` → `Bell.vue.d.ts`).
// (vite-plugin-dts or tsc-alias do the first too; neither is a dependency here.)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

const TYPES_DIR = 'dist-lib/types'

/** The imports of declaration `file` (under `typesDir`), made resolvable; `exists` checks a path. */
export function resolvableSpecifiers(text: string, file: string, typesDir = TYPES_DIR, exists: (path: string) => boolean = existsSync): string {
  return text.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*|@\/[^'"]+)\2/g, (whole, keyword: string, quote: string, specifier: string) => {
    let path = specifier
    if (path.startsWith('@/')) {
      path = relative(dirname(file), join(typesDir, 'src', path.slice(2))).replaceAll('\\', '/')
      path = path.startsWith('.') ? path : `./${path}`
    }
    const target = join(dirname(file), path)
    if (!/\.js$/.test(path)) {
      if (exists(`${target}.d.ts`))
        path = `${path}.js`
      else if (exists(join(target, 'index.d.ts')))
        path = `${path}/index.js`
    }
    return path === specifier ? whole : `${keyword}${quote}${path}${quote}`
  })
}

function rewriteDeclarations(typesDir: string): number {
  let changed = 0
  for (const entry of readdirSync(typesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts'))
      continue
    const file = join(entry.parentPath, entry.name)
    const text = readFileSync(file, 'utf8')
    const rewritten = resolvableSpecifiers(text, file, typesDir)
    if (rewritten !== text) {
      writeFileSync(file, rewritten)
      changed++
    }
  }
  return changed
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(`relative-dts-paths: imports made resolvable in ${rewriteDeclarations(TYPES_DIR)} declaration files`)
