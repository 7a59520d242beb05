// The peer: Socket.IO 4.8 on the WebSocket transport only, authenticating each handshake with an
// HS256 JWT (jose, as ours does) in a middleware, and publishing with one io.emit of the same payload.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { jwtVerify, SignJWT } from 'jose'
import { Server } from 'socket.io'
import { MessageType } from '../../../src/protocol'
import { notificationFrom } from '../../lib/payload'
import { HEARTBEAT_SEC, JWT_SECRET, LOAD_USERS } from './settings'
import { publishHandler } from './http-publish'
import type { StartedTarget } from './types'

export async function startSocketIo(): Promise<StartedTarget> {
  const key = new TextEncoder().encode(JWT_SECRET)
  let nextId = 1
  let io: Server | null = null
  const server = createServer(publishHandler((body) => {
    io!.emit(MessageType.Notification, notificationFrom(body, nextId++))
    return io!.engine.clientsCount
  }))
  io = new Server(server, {
    transports: ['websocket'],
    serveClient: false,
    perMessageDeflate: false,
    // Heartbeats are pushed past the measurement window for every server alike.
    pingInterval: HEARTBEAT_SEC * 1000,
    pingTimeout: 60_000,
  })
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token
    if (typeof token !== 'string')
      return next(new Error('unauthorized'))
    jwtVerify(token, key, { algorithms: ['HS256'] }).then(
      ({ payload }) => {
        socket.data.user = payload.sub
        next()
      },
      () => next(new Error('unauthorized')),
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const tokens = await Promise.all(LOAD_USERS.map(user =>
    new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(user).setIssuedAt().setExpirationTime('4h').sign(key)))
  return {
    port,
    connections: () => io!.engine.clientsCount,
    endpoints: async () => tokens.map(token => ({ url: `http://127.0.0.1:${port}`, token })),
    publishPath: '/publish',
    close: async () => {
      io!.disconnectSockets(true)
      await new Promise(resolve => io!.close(resolve))
    },
  }
}
