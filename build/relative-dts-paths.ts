// After `vue-tsc -p tsconfig.lib.json`: TypeScript copies the `@/…` path alias into the declarations
// it emits as is, and a consumer's compiler cannot resolve it. Each `'@/x'` in dist-lib/types becomes
// the relative path to dist-lib/types/src/x, so the declarations resolve from inside node_modules.
// (vite-plugin-dts or tsc-alias do this too; neither is a dependency here, and this is all it takes.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

const TYPES_DIR = 'dist-lib/types'

/** `'@/stores/x'` in `file` (under `typesDir`) → `'../../src/stores/x'`, quotes kept. */
export function relativeSpecifiers(text: string, file: string, typesDir = TYPES_DIR): string {
  return text.replace(/(['"])@\/([^'"]+)\1/g, (_, quote: string, path: string) => {
    const target = relative(dirname(file), join(typesDir, 'src', path)).replaceAll('\\', '/')
    return `${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`
  })
}

function rewriteDeclarations(typesDir: string): number {
  let changed = 0
  for (const entry of readdirSync(typesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts'))
      continue
    const file = join(entry.parentPath, entry.name)
    const text = readFileSync(file, 'utf8')
    const rewritten = relativeSpecifiers(text, file, typesDir)
    if (rewritten !== text) {
      writeFileSync(file, rewritten)
      changed++
    }
  }
  return changed
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(`relative-dts-paths: ${rewriteDeclarations(TYPES_DIR)} declaration files pointed at relative paths`)
