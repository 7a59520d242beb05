import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vitest/config'
import { sourceAliases as alias } from './build/aliases.js'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts', 'tests/protocol/**/*.test.ts', 'tests/build/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        // Same on-demand Element Plus resolution as the app (vite.config.ts), minus the CSS,
        // which jsdom cannot use and Node cannot import from node_modules.
        plugins: [
          vue(),
          AutoImport({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
          Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
        ],
        resolve: { alias },
        test: {
          name: 'app',
          environment: 'jsdom',
          globals: true,
          include: ['tests/{realtime,inbox,triage,stores,plugin,composables,components,views,utils,integration}/**/*.test.ts'],
          setupFiles: ['tests/setup/app.ts', 'tests/setup/i18n.ts'],
          // Element Plus' forms import async-validator's CommonJS build, whose default export Node
          // hands over wrapped; run through Vite instead so form validation works as in the app.
          server: { deps: { inline: ['element-plus'] } },
          testTimeout: 15_000,
        },
      },
    ],
  },
})
