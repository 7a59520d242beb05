// `npm run build:lib`: the package's JavaScript in dist-lib/, one module per source module so a
// consumer's bundler drops what it does not import. Two passes over this file:
//   --mode browser  tidings, tidings/vue, tidings/element-plus (Vue SFCs compiled, Element Plus on demand)
//   --mode node     tidings/server, tidings/testing (Node 20 ESM, node: builtins and packages left as imports)
// Every package stays an import: vue, pinia, element-plus (peers) resolve to the consumer's copy, and
// zod, ws, jose, better-sqlite3, pg, ioredis, msw are the package's dependencies or peers, so a
// consumer's bundler dedupes zod with its own and tree-shakes zod/mini per export.
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig, type Plugin } from 'vite'
import { sourceAliases } from './build/aliases.js'

const BROWSER_ENTRIES = { index: 'lib/index.ts', vue: 'lib/vue.ts', 'element-plus': 'lib/element-plus.ts' }
const NODE_ENTRIES = { server: 'lib/server.ts', testing: 'lib/testing.ts' }

/** A bare specifier (a package), not a relative path, an absolute path or an alias of ours. */
const isPackage = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0')
  && !id.startsWith('@/') && !/^tidings(\/|$)/.test(id)

/**
 * `dist-lib/{browser,node}/package.json`: the package's own files are ES modules whose only side effects
 * are CSS, which a consumer's bundler reads off the nearest package.json. The field lives here, not in the
 * root package.json, where it would also re-decide tree-shaking for the app's own build (`npm run build`).
 */
const scopePackageJson = (): Plugin => ({
  name: 'tidings-scope-package-json',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: `${JSON.stringify({ type: 'module', sideEffects: ['*.css'] }, null, 2)}\n` })
  },
})

export default defineConfig(({ mode }) => {
  const node = mode === 'node'
  return {
    plugins: node ? [scopePackageJson()] : [
      scopePackageJson(),
      vue(),
      // Element Plus components and services are imported per use, with their CSS, as in the app (vite.config.ts).
      AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
      Components({ resolvers: [ElementPlusResolver()], dts: false }),
    ],
    resolve: { alias: sourceAliases },
    publicDir: false,
    build: {
      outDir: node ? 'dist-lib/node' : 'dist-lib/browser',
      emptyOutDir: true,
      target: node ? 'node20' : 'es2022',
      ssr: node,
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      // The prebuilt components' own CSS in one file, dist-lib/browser/element-plus.css, which a
      // consumer imports once (`import 'tidings/element-plus.css'`), as Element Plus' own; Element
      // Plus' per-component CSS stays imported by each component.
      cssCodeSplit: false,
      lib: { entry: node ? NODE_ENTRIES : BROWSER_ENTRIES, formats: ['es'], cssFileName: 'element-plus' },
      rolldownOptions: {
        external: isPackage,
        output: {
          preserveModules: true,
          preserveModulesRoot: '.',
          entryFileNames: '[name].js',
        },
      },
    },
  }
})
