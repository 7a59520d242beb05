// Vite plugins that keep Element Plus's dependencies out of pages that do not use them. Element Plus
// stays whole; only how two of its packages are cut into modules changes, in the app's build.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

const ICONS = '@element-plus/icons-vue'
/** Ids on the package's own file (with a query), so chunk names and source maps point at the package. */
const ICONS_INDEX = '?tidings-icons'
const ICON_PREFIX = '?tidings-icon='

/** The icon package's ESM build: one file of ~290 icons, each a block opened by its source comment. */
export function iconsFile(): string {
  const packageJson = createRequire(import.meta.url).resolve(`${ICONS}/package.json`)
  return join(dirname(packageJson), 'dist/index.js')
}

const VLQ_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1
  let text = ''
  do {
    const digit = rest & 31
    rest >>>= 5
    text += VLQ_DIGITS[rest ? digit | 32 : digit]
  } while (rest)
  return text
}

interface IconBlock {
  code: string
  /** Maps the block's lines back to the package's file, so bundle reports name the package. */
  map: { version: 3, sources: string[], names: string[], mappings: string }
}

/** Each icon's block (its own imports from vue and its component), by the name of its `*_default` binding. */
function splitIcons(file: string): { blocks: Map<string, IconBlock>, exports: [local: string, name: string][] } {
  const source = readFileSync(file, 'utf8')
  const blocks = new Map<string, IconBlock>()
  for (const opener of source.matchAll(/^\/\/ src\/components\/[\w-]+\.vue$/gm)) {
    const start = opener.index + opener[0].length
    const next = source.slice(start).search(/^(\/\/ src\/components\/|export \{)/m)
    const code = next < 0 ? source.slice(start) : source.slice(start, start + next)
    const local = code.match(/^\}\), (\w+_default) = _sfc_main\d*;$/m)?.[1]
    if (!local)
      throw new Error(`${ICONS}: an icon block without its "*_default" binding; the package's layout changed`)
    const firstLine = source.slice(0, start).split('\n').length - 1
    const lines = code.split('\n').length
    const mappings = [`AA${vlq(firstLine)}A`, ...Array.from({ length: lines - 1 }, () => 'AACA')].join(';')
    blocks.set(local, { code, map: { version: 3, sources: [file], names: [], mappings } })
  }
  const list = source.match(/^export \{([\s\S]*?)\};/m)?.[1]
  const exports = (list ?? '').split(',').map(entry => entry.trim()).filter(Boolean).map((entry) => {
    const [local, name] = entry.split(/\s+as\s+/)
    if (!local || !name || !blocks.has(local))
      throw new Error(`${ICONS}: cannot read the export "${entry}"; the package's layout changed`)
    return [local, name] as [string, string]
  })
  if (!exports.length)
    throw new Error(`${ICONS}: no export list found; the package's layout changed`)
  return { blocks, exports }
}

/**
 * `@element-plus/icons-vue` ships every icon in one module, so a bundler puts every icon the app or
 * Element Plus uses anywhere into one chunk that the login page loads too (~22 KB). Served as one
 * module per icon, each icon lands in the chunk of the pages that show it.
 */
export function iconPerModule(): Plugin {
  let split: ReturnType<typeof splitIcons> | null = null
  const icons = () => (split ??= splitIcons(iconsFile()))
  return {
    name: 'tidings:icon-per-module',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      if (source === ICONS)
        return iconsFile() + ICONS_INDEX
      if (source.startsWith(iconsFile() + ICON_PREFIX))
        return source
      return null
    },
    load(id) {
      const file = iconsFile()
      if (id === file + ICONS_INDEX)
        return icons().exports.map(([local, name]) => `export { default as ${name} } from ${JSON.stringify(file + ICON_PREFIX + local)}`).join('\n')
      if (id.startsWith(file + ICON_PREFIX)) {
        const local = id.slice(file.length + ICON_PREFIX.length)
        const block = icons().blocks.get(local)
        if (!block)
          throw new Error(`${ICONS}: no icon bound to ${local}`)
        return { code: `${block.code}\nexport default ${local}\n`, map: block.map, moduleSideEffects: false }
      }
      return null
    },
  }
}

const BUTTON_CUSTOM = /element-plus[\\/]es[\\/]components[\\/]button[\\/]src[\\/]button-custom\.mjs$/
const NO_TINYCOLOR = '\0tidings-no-tinycolor'

/**
 * ElButton imports @ctrl/tinycolor (~7 KB gzip, on every page: the shell has buttons) for its `color`
 * prop alone, which derives hover and active shades from a custom colour. The app colours buttons by
 * `type` and the theme's CSS variables and never sets `color` (tests/app/button-color.test.ts holds it
 * to that), so ElButton gets a stand-in that says so if `color` is ever used.
 */
export function buttonWithoutCustomColor(): Plugin {
  return {
    name: 'tidings:button-without-custom-color',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@ctrl/tinycolor' && importer && BUTTON_CUSTOM.test(importer))
        return NO_TINYCOLOR
      return null
    },
    load(id) {
      if (id !== NO_TINYCOLOR)
        return null
      return `export class TinyColor {
  constructor() {
    throw new Error('ElButton: the color prop is not built into this app (build/slimElementPlus.ts); colour buttons by type or CSS variables')
  }
}
`
    },
  }
}
