import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vite'
import { sourceAliases } from './build/aliases.js'
import { pageChunkName } from './build/pageChunks.js'
import { buttonWithoutCustomColor, iconPerModule } from './build/slimElementPlus.js'

// The protocol server (mock-server/) listens here during `npm run dev`.
const apiTarget = process.env.TIDINGS_API_TARGET ?? `http://127.0.0.1:${process.env.PORT ?? 8000}`

export default defineConfig({
  plugins: [
    // Components use <script setup> only (Element Plus too): Vue's Options API is left out (~1.5 KB gzip).
    vue({ features: { optionsAPI: false } }),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    // Element Plus's icons one module each, and ElButton without @ctrl/tinycolor (build only; see the file).
    iconPerModule(),
    buttonWithoutCustomColor(),
  ],
  resolve: {
    alias: sourceAliases,
  },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // What the entry imports (Vue, the router, Pinia included) and what both the login page and
            // the first signed-in page load in one file, and what only one of them loads in one file per
            // page: fewer requests, and gzip does better on one file than on the same bytes split
            // (build/pageChunks.ts).
            {
              name: pageChunkName({
                entry: /\/src\/main\.ts$/,
                login: [/\/src\/views\/LoginView\.vue$/],
                signedIn: [/\/src\/views\/(shell\/AppLayout\.vue|NotificationsView\.vue|shell\/SessionConnection\.ts)$/, /\/src\/stores\/websocket\.ts$/],
              }),
              debugName: 'page chunks',
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // Element Plus' toast and message (and the toast's progress bar), prefetched together after
            // sign-in (src/utils/elementServices.ts): one file is ~1.2 KB gzip smaller than three.
            { name: 'feedback', test: /node_modules[\\/]element-plus[\\/]es[\\/]components[\\/](message|notification|progress)[\\/]/, priority: 1, includeDependenciesRecursively: false },
          ],
        },
      },
      // Request bodies (src/protocol/requests.ts) are validated by the server alone, in classic zod:
      // the module has no side effects, so when the app uses none of its exports the build drops it
      // and classic zod with it (the app keeps zod/mini).
      // The package's entry points (lib/*.ts) and the library code behind them run nothing at import
      // (stores are defined, not created): a page that imports `tidings/vue` for createTidings alone
      // does not take the stores, the socket and the parser with it.
      treeshake: {
        moduleSideEffects: [
          { test: /\/src\/protocol\/requests\.ts$/, sideEffects: false },
          { test: /\/(lib|src\/(plugin|protocol|realtime|inbox|triage|api))\/[^/]+\.ts$|\/src\/stores\/(?!auth\.ts)[^/]+\.ts$/, sideEffects: false },
        ],
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
})
