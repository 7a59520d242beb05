// Ours: the real server (mock-server/app.ts startServer), as `npm start` runs it but on port 0 and an
// in-memory database. Tokens come from POST /api/auth/login like any client's; the publisher is the
// admin, broadcasting with POST /api/notifications {user:'*'} (stored, then pushed).
import { request } from 'node:http'
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

/** POST /api/auth/login on a connection that closes afterwards (no idle socket skews the leak check). */
function login(port: number, username: string, password: string): Promise<string> {
  const body = JSON.stringify({ username, password })
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: Paths.login,
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<LoginResponse>
        if (!envelope.success || !envelope.data)
          reject(new Error(`login ${username} failed: ${res.statusCode} ${envelope.message}`))
        else
          resolve(envelope.data.access_token)
      })
    })
    req.on('error', reject)
    req.end(body)
  })
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
    // The load is spread over three users: their per-user limits would measure the limits, not fan-out.
    maxConnectionsPerUser: 1_000_000,
    maxConnectsPerUserPerSecond: 1_000_000,
    tokenTtlSec: 4 * 3600,
    logger: warningsOnly,
    // The browser and bundle sections serve a production build from here (same origin as the API).
    staticDir: process.env.BENCH_STATIC_DIR || null,
  })
  const tokens = await Promise.all(LOAD_USERS.map(user => login(server.port, user, LOAD_PASSWORDS[user])))
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
