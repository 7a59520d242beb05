// Shared setup for the jsdom project. msw's server lives in tests/msw/server.ts;
// test files import it and call `useMswServer()` so each file owns its handlers.
import { setMaxListeners } from 'node:events'
import { afterEach } from 'vitest'

// msw relays every mocked socket over one BroadcastChannel; a test that opens a dozen sockets
// is normal here, not a leak.
setMaxListeners(100)

afterEach(() => {
  // optional: a file may run under `// @vitest-environment node`, which has no localStorage
  globalThis.localStorage?.clear()
})
