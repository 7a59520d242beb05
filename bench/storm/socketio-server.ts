// The Socket.IO 4.8 peer of the storm on a fixed port (clients come back to the same address):
// WebSocket transport only, each handshake's HS256 JWT verified by jose in a middleware, as in the
// fan-out section. No connection-state recovery: its state lives in the server's memory, which a
// killed process loses, so whatever was published meanwhile is lost to every client.
import { createServer } from 'node:http'
import { jwtVerify, SignJWT } from 'jose'
import { Server } from 'socket.io'
import { HEARTBEAT_SEC, JWT_SECRET } from '../fanout/targets/settings'

const key = new TextEncoder().encode(JWT_SECRET)

export function socketIoToken(user: string): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(user).setIssuedAt().setExpirationTime('4h').sign(key)
}

/** Listens on `port`; resolves to its close. */
export async function startSocketIoOn(port: number): Promise<() => Promise<void>> {
  const server = createServer()
  const io = new Server(server, { transports: ['websocket'], serveClient: false, perMessageDeflate: false, pingInterval: HEARTBEAT_SEC * 1000, pingTimeout: 60_000 })
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token
    if (typeof token !== 'string')
      return next(new Error('unauthorized'))
    jwtVerify(token, key, { algorithms: ['HS256'] }).then(() => next(), () => next(new Error('unauthorized')))
  })
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return () => new Promise<void>((resolve) => {
    io.disconnectSockets(true)
    io.close(() => resolve())
  })
}
