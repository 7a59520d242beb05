import { defineConfig } from 'vitest/config'

// Browser tests: Debian's Chromium via playwright-core, against `npm run build` output served by the
// real server (and nginx). One file at a time: they share the machine's two cores with the browser.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
