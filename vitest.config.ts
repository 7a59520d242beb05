import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts', 'tests/protocol/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'app',
          environment: 'jsdom',
          globals: true,
          include: ['tests/{realtime,stores,composables,components,views,utils,integration}/**/*.test.ts'],
          setupFiles: ['tests/setup/app.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
})
