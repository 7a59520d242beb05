// Ours: the real server (mock-server/app.ts startServer), as `npm start` runs it but on port 0 and an
// in-memory database. Tokens come from POST /api/auth/login like any client's; the publisher is the
// admin, broadcasting with POST /api/notifications {user:'*'} (stored, then pushed).
import { Paths, type Envelope, type LoginResponse } from '../../../src/protocol'
import { startServer } from '../../../mock-server/app'
import type { Logger } from '../../../mock-server/logger'
import { watchServerInternals, type ServerInternals } from './tidings-internals'
import { HEARTBEAT_SEC, JWT_SECRET, LOAD_PASSWORDS, LOAD_USERS } from './settings'
import type { StartedTarget } from './types'

/** A production log level: warnings and errors only (one info line per connect would be 10,000 lines). */
const warningsOnly: Logger = (level, message) => {
  if (level !== 'info')
    console.error(`[tidings] ${level} ${message}`)
}

async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}${Paths.login}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const envelope = await response.json() as Envelope<LoginResponse>
  if (!envelope.success || !envelope.data)
    throw new Error(`login ${username} failed: ${response.status} ${envelope.message}`)
  return envelope.data.access_token
}

export interface StartedTidings extends StartedTarget {
  internals: ServerInternals
}

export async function startTidings(): Promise<StartedTidings> {
  const internals = await watchServerInternals()
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dbPath: ':memory:',
    jwtSecret: JWT_SECRET,
    heartbeatIntervalSec: HEARTBEAT_SEC,
    maxConnectionsPerUser: 1_000_000,
    tokenTtlSec: 4 * 3600,
    logger: warningsOnly,
  })
  const tokens = await Promise.all(LOAD_USERS.map(user => login(server.url, user, LOAD_PASSWORDS[user])))
  const wsBase = server.url.replace(/^http/, 'ws')
  return {
    port: server.port,
    internals,
    // Before the first connection the registry has not been seen yet, and it is empty.
    connections: () => internals.registrySizes().all ?? 0,
    endpoints: async () => tokens.map(token => ({ url: `${wsBase}${Paths.notificationsSocket}?token=${token}`, token })),
    publishPath: Paths.notifications,
    publishToken: tokens[0],
    close: () => server.close(),
  }
}
