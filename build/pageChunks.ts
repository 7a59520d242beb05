// Chunks cut by page instead of by sharing. Left to itself the bundler makes one chunk per set of lazy
// modules that share code, so the first signed-in page arrived as ~50 files, and gzip, working per
// file, cannot share what it learnt between them. This puts what the entry imports, with Vue, and
// what both the login page and the first signed-in page load (a visit opens one of them first) in one
// chunk, 'app', and what only one of them loads in one chunk per page, 'login' and 'signed-in'. Other
// pages, popups opened on intent and languages are split as before.
import { dirname, resolve } from 'node:path'

interface ModuleInfo {
  id: string
  code: string | null
  importedIds: string[]
  importers: string[]
  dynamicImporters: string[]
}
type GetModuleInfo = (id: string) => ModuleInfo | null

export interface PageChunksOptions {
  /** The entry module (what it loads statically stays in its chunk). */
  entry: RegExp
  /** The login page's lazily loaded modules. */
  login: RegExp[]
  /** What the first signed-in page loads lazily without the user acting. */
  signedIn: RegExp[]
}

// Modules that only re-export others: the package's entry points (lib/), the icons' index
// (build/slimElementPlus.ts), Element Plus' index and lodash's (through lodash-unified, which Element
// Plus imports). Only the names a module imports from them are followed, or every module of the
// library (every icon, every component) would count as loaded by each page that imports one.
const BARREL = /[\\/]lib[\\/][\w-]+\.ts$|\?tidings-icons$|[\\/]element-plus[\\/]es[\\/]index\.mjs$|[\\/]lodash-unified[\\/]import\.js$|[\\/]lodash-es[\\/]lodash\.js$/
const IMPORT_NAMES = /import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g

/** Whether `specifier` (as written in an import) names the barrel `id`. */
function isBarrelOf(specifier: string, id: string): boolean {
  if (specifier === '@element-plus/icons-vue')
    return id.endsWith('?tidings-icons')
  if (specifier === 'element-plus' || specifier === 'element-plus/es')
    return /[\\/]element-plus[\\/]es[\\/]index\.mjs$/.test(id)
  if (specifier === 'lodash-unified' || specifier === 'lodash-es')
    return id.endsWith(`/${specifier}/${specifier === 'lodash-es' ? 'lodash' : 'import'}.js`)
  const entry = specifier.match(/^tidings(?:\/([\w-]+))?$/)
  return !!entry && id.endsWith(`/lib/${entry[1] ?? 'index'}.ts`)
}
const REEXPORT = /(import|export)\s*(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g
const EXPORT_LIST = /export\s*\{([^}]*)\}(?!\s*from)/g
const EXPORT_ALL = /export\s*\*\s*from\s*['"][^'"]+['"]/

/**
 * `a`, `b as c`, `type D` → the names (types dropped): those imported (`b`), or with `exported`, those
 * a re-export gives out (`c`).
 */
function names(list: string, exported = false): string[] {
  return list.split(',').map(part => part.trim()).filter(part => part && !part.startsWith('type '))
    .map(part => part.split(/\s+as\s+/).at(exported ? -1 : 0)!.trim())
}

const barrels = new Map<string, Map<string, string>>()

/**
 * Name → module id, for a barrel's `export { … } from '…'` lines, or its `import { … } from '…'`
 * lines and closing `export { … }` list (Element Plus' form).
 */
function barrelExports(barrel: ModuleInfo, info: GetModuleInfo): Map<string, string> {
  let exports = barrels.get(barrel.id)
  if (exports)
    return exports
  exports = new Map()
  const imported = new Map<string, string>()
  const code = barrel.code ?? ''
  for (const [, kind, typeOnly, list, specifier] of code.matchAll(REEXPORT)) {
    const target = resolve(dirname(barrel.id.replace(/\?.*$/, '')), specifier)
    const id = barrel.importedIds.find(dependency => dependency === target || dependency.startsWith(`${target}.`) || dependency.startsWith(`${target}/index.`))
    if (id && !typeOnly)
      names(list, true).forEach(name => (kind === 'export' ? exports! : imported).set(name, id))
  }
  for (const part of [...code.matchAll(EXPORT_LIST)].flatMap(([, list]) => list.split(','))) {
    const [local, exported = local] = part.trim().split(/\s+as\s+/).map(name => name.trim())
    const id = imported.get(local)
    if (id)
      exports.set(exported, id)
  }
  // `export * from 'lodash-es'`: the names of the barrel it forwards to.
  const forwarded = EXPORT_ALL.test(code) ? barrel.importedIds.find(id => BARREL.test(id)) : undefined
  barrels.set(barrel.id, exports)
  for (const [name, id] of forwarded ? barrelExports(info(forwarded)!, info) : [])
    exports.set(name, id)
  return exports
}

/** Every module `roots` load statically (through a barrel, only what is imported by name). */
function closure(roots: string[], info: GetModuleInfo): Set<string> {
  const seen = new Set<string>()
  const pending = [...roots]
  while (pending.length) {
    const id = pending.pop()!
    const module = seen.has(id) ? null : info(id)
    seen.add(id)
    if (!module)
      continue
    pending.push(...module.importedIds.filter(imported => !BARREL.test(imported)))
    const barrels = module.importedIds.filter(imported => BARREL.test(imported))
    if (!barrels.length)
      continue
    for (const [, list, specifier] of (module.code ?? '').matchAll(IMPORT_NAMES)) {
      const barrel = barrels.find(id => isBarrelOf(specifier, id))
      const exports = barrel ? barrelExports(info(barrel)!, info) : null
      for (const name of exports ? names(list) : [])
        pending.push(exports!.get(name) ?? barrel!)
    }
  }
  return seen
}

/** Every module id of the graph, walking both ways from one. */
function allModules(start: string, info: GetModuleInfo): string[] {
  const seen = new Set<string>()
  const pending = [start]
  while (pending.length) {
    const id = pending.pop()!
    const module = seen.has(id) ? null : info(id)
    seen.add(id)
    if (module)
      pending.push(...module.importedIds, ...module.importers, ...module.dynamicImporters)
  }
  return [...seen]
}

/**
 * A `codeSplitting` group's `name`: 'app' for what the entry imports and what both pages load, 'login'
 * or 'signed-in' for what one of them loads, `null` for the rest.
 *
 * No chunk may import one that imports it back (modules would run before those they use): each set is
 * closed under imports, so a page's chunk imports only 'app'; and a module
 * only imported lazily keeps its own chunk (the bundler cannot hand out its exports from a shared one).
 */
export function pageChunkName(options: PageChunksOptions) {
  let chunkOf = new Map<string, string>()
  let pass: object | null = null
  return (id: string, context: { getModuleInfo: (id: string) => unknown }): string | null => {
    // Once per chunking pass (a watched build makes several, over different graphs).
    if (context !== pass) {
      pass = context
      barrels.clear()
      const info: GetModuleInfo = moduleId => context.getModuleInfo(moduleId) as ModuleInfo | null
      const modules = allModules(id, info)
      const roots = (patterns: RegExp[]) => modules.filter(module => patterns.some(pattern => pattern.test(module)))
      const entry = closure(roots([options.entry]), info)
      const login = closure(roots(options.login), info)
      const signedIn = closure(roots(options.signedIn), info)
      chunkOf = new Map()
      // What the entry imports (Vue and the router included): the bundler would otherwise spread what
      // lazy chunks share with it over small chunks of their own, which every page loads all the same.
      for (const module of entry) {
        if (info(module)?.importers.length)
          chunkOf.set(module, 'app')
      }
      for (const module of new Set([...login, ...signedIn])) {
        const lazyOnly = !info(module)?.importers.length
        if (!entry.has(module) && !lazyOnly)
          chunkOf.set(module, login.has(module) ? (signedIn.has(module) ? 'app' : 'login') : 'signed-in')
      }
    }
    return chunkOf.get(id) ?? null
  }
}
