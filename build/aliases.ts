import { fileURLToPath, URL } from 'node:url'

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/**
 * `@/…` for the app's own files, and the package's entry points resolved to their sources, so the
 * app in `src/` imports Tidings exactly as an installed app would (`tidings`, `tidings/vue`, …).
 */
export const sourceAliases = [
  { find: /^tidings$/, replacement: root('lib/index.ts') },
  { find: /^tidings\/(vue|element-plus|server|testing)$/, replacement: root('lib/$1.ts') },
  { find: '@', replacement: root('src') },
]
