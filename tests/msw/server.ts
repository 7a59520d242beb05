// The msw server for the jsdom project. A test file calls `useMswServer()` once at top level:
// handlers are reset and the data set is emptied after each test, so tests never leak into each other.
// Every REST reply is checked against its route's schema (./contract); a break fails the test.
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { checkReply, takeContractBreaks } from './contract'
import { resetDb } from '../../mock-server/testing/db'
import { handlers } from '../../mock-server/testing/handlers'
import { stopTriage } from '../../mock-server/testing/rest'
import { resetSockets } from '../../mock-server/testing/sockets'
import { resetFixtureSequence } from './fixtures'

export const server = setupServer(...handlers)
server.events.on('response:mocked', ({ request, response }) => checkReply(request, response))

export function useMswServer(): typeof server {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(async () => {
    server.resetHandlers()
    stopTriage()
    resetDb()
    resetFixtureSequence()
    resetSockets()
    const breaks = await takeContractBreaks()
    if (breaks.length)
      throw new Error(`msw replied outside the route table's contract:\n${breaks.join('\n')}`)
  })
  afterAll(() => server.close())
  return server
}
