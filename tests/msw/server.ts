// The msw server for the jsdom project. A test file calls `useMswServer()` once at top level:
// handlers are reset and the data set is emptied after each test, so tests never leak into each other.
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { resetDb } from './db'
import { handlers } from './handlers'
import { resetSockets } from './sockets'

export const server = setupServer(...handlers)

export function useMswServer(): typeof server {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    resetDb()
    resetSockets()
  })
  afterAll(() => server.close())
  return server
}
