// A second floor for the connect rate: bare `ws` plus only the duties a connect has in this protocol
// and the list of checks that must not be weakened (signature, expiry, revocation, origin,
// limit), each done the cheapest way: the peer's address read for a per-address count of unanswered
// connections (one that closes before its upgrade is never uncounted: cheaper than a correct count); the Origin compared with an allow-list; the token taken from the query, its HS256
// signature checked by jose once per token text, its expiry on every connect, its session looked up
// among the revoked; the user's connects rationed by a token bucket and their sockets counted against
// a per-user limit in a set that later pushes would be sent from; and the `connected` frame (SPEC §1.1)
// written with the 101 in one corked write. No storage, no logging, no admission queue. How far ours is
// from this is what our own code costs; how far this is from bare ws is what the protocol costs.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { jwtVerify, SignJWT } from 'jose'
import { WebSocket, WebSocketServer } from 'ws'
import { MessageType, socketTokenOf } from '../../../src/protocol'
import { closeWsServer } from './bare-ws'
import { HEARTBEAT_SEC, JWT_SECRET, LOAD_USERS } from './settings'
import type { StartedTarget } from './types'

/** The limits the bench gives ours (its three users stand for thousands). */
const CONNECTS_PER_SEC = 1_000_000
const MAX_SOCKETS_PER_USER = 1_000_000

export async function startConnectFloor(): Promise<StartedTarget> {
  const key = new TextEncoder().encode(JWT_SECRET)
  const verified = new Map<string, { sub: string, sid: string, exp: number }>()
  const revokedSessions = new Set<string>()
  const allowedOrigins = new Set<string>()
  const unanswered = new Map<string, number>()
  const socketsOf = new Map<string, Set<WebSocket>>()
  const connectAllowance = new Map<string, { tokens: number, at: number }>()
  let nextConnection = 1
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: true })

  function answered(address: string): void {
    const count = unanswered.get(address)! - 1
    if (count > 0)
      unanswered.set(address, count)
    else
      unanswered.delete(address)
  }

  /** A token bucket per user, as generous as the bench configures ours (a million connects a second). */
  function mayConnect(user: string): boolean {
    const now = Date.now()
    const bucket = connectAllowance.get(user) ?? { tokens: CONNECTS_PER_SEC, at: now }
    bucket.tokens = Math.min(CONNECTS_PER_SEC, bucket.tokens + (now - bucket.at) * CONNECTS_PER_SEC / 1000)
    bucket.at = now
    connectAllowance.set(user, bucket)
    if (bucket.tokens < 1)
      return false
    bucket.tokens--
    return true
  }

  async function claimsOf(token: string | null): Promise<{ sub: string, sid: string, exp: number } | null> {
    if (token === null)
      return null
    let claims = verified.get(token)
    if (claims === undefined) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] })
        claims = { sub: payload.sub!, sid: String(payload.sid), exp: payload.exp! }
        verified.set(token, claims)
      }
      catch {
        return null
      }
    }
    return claims.exp > Date.now() / 1000 && !revokedSessions.has(claims.sid) ? claims : null
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const address = (socket as Socket).remoteAddress ?? '?'
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      answered(address)
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const target = req.url ?? '/'
    const queryAt = target.indexOf('?')
    const claims = await claimsOf(socketTokenOf(queryAt < 0 ? '' : target.slice(queryAt), []))
    answered(address)
    if (claims === null) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    socket.cork()
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {})
      const sockets = socketsOf.get(claims.sub) ?? new Set()
      if (!mayConnect(claims.sub) || sockets.size >= MAX_SOCKETS_PER_USER) {
        ws.close(4429, 'Too Many Requests')
        return
      }
      socketsOf.set(claims.sub, sockets.add(ws))
      ws.once('close', () => sockets.delete(ws))
      ws.send(JSON.stringify({
        type: MessageType.Connected,
        data: { user_id: claims.sub, connection_id: `c-${nextConnection++}`, message: 'WebSocket 连接成功', timestamp: new Date().toISOString(), heartbeat_interval: HEARTBEAT_SEC },
      }))
    })
    socket.uncork()
  }

  const server = createServer((_req, res) => res.writeHead(404).end())
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?'
    unanswered.set(address, (unanswered.get(address) ?? 0) + 1)
  })
  server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const tokens = await Promise.all(LOAD_USERS.map(user =>
    new SignJWT({ sid: `session-${user}` }).setProtectedHeader({ alg: 'HS256' }).setSubject(user).setIssuedAt().setExpirationTime('4h').sign(key)))
  return {
    port,
    connections: () => [...wss.clients].filter(client => client.readyState === WebSocket.OPEN).length,
    endpoints: async () => tokens.map(token => ({ url: `ws://127.0.0.1:${port}/?token=${token}`, token })),
    publishPath: '/publish',
    close: () => closeWsServer(wss, server),
  }
}
