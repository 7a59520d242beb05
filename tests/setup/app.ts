// Shared setup for the jsdom project. msw's server lives in tests/msw/server.ts;
// test files import it and call `useMswServer()` so each file owns its handlers.
import { afterEach } from 'vitest'

afterEach(() => {
  localStorage.clear()
})
