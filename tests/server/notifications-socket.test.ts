import { afterEach, describe, expect, test } from 'vitest'
import { CloseCode, ErrorCode, MAX_FRAME_BYTES, MessageType, Paths, parseNotificationChannelMessage, type Stats } from '../../src/protocol'
import { login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

async function open(username: string, options?: ConstructorParameters<typeof TestSocket>[1]): Promise<TestSocket> {
  const socket = await connect(wsUrl(server.current, Paths.notificationsSocket, await login(server.current, username)), options)
  sockets.push(socket)
  return socket
}

async function stats(): Promise<Stats> {
  return (await fetch(`${server.current.url}${Paths.stats}`)).json() as Promise<Stats>
}

/** The HTTP status of a refused upgrade. */
function refusedStatus(url: string, origin?: string): Promise<number> {
  const socket = new TestSocket(url, origin ? { origin } : {})
  return new Promise((resolve, reject) => {
    socket.ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.ws.once('open', () => reject(new Error('the upgrade was accepted')))
  })
}

describe('the notification socket', () => {
  test('greets a new socket with connected: user, connection id and heartbeat interval', async () => {
    const socket = await open('user1')
    const [connected] = socket.all(MessageType.Connected)
    expect(connected.data).toMatchObject({ user_id: 'user1', heartbeat_interval: 30 })
    expect(connected.data.connection_id).toEqual(expect.any(String))
    expect(Date.parse(connected.data.timestamp)).not.toBeNaN()
  })

  test('greets two users connecting together each with their own id, in a frame the app\'s parser accepts', async () => {
    const [admin, user2] = await Promise.all([open('admin'), open('user2')])
    for (const [socket, userId] of [[admin, 'admin'], [user2, 'user2']] as const) {
      const parsed = parseNotificationChannelMessage(JSON.stringify(socket.all(MessageType.Connected)[0]))
      expect(parsed).toMatchObject({ ok: true, value: { type: MessageType.Connected, data: { user_id: userId, heartbeat_interval: 30, message: 'WebSocket 连接成功' } } })
    }
  })

  test('gives each connection its own id', async () => {
    const first = await open('user1')
    const second = await open('user1')
    expect(first.all(MessageType.Connected)[0].data.connection_id).not.toBe(second.all(MessageType.Connected)[0].data.connection_id)
  })

  test('answers ping with pong', async () => {
    const socket = await open('user1')
    socket.send({ type: MessageType.Ping })
    const pong = await socket.next(MessageType.Pong)
    expect(Date.parse(pong.data.timestamp)).not.toBeNaN()
  })

  test('answers malformed JSON with an error frame and stays open', async () => {
    const socket = await open('user1')
    socket.send('{"type": ping')
    const error = await socket.next(MessageType.Error)
    expect(error.data.code).toBe(ErrorCode.InvalidJson)
    socket.send({ type: MessageType.Ping })
    await socket.next(MessageType.Pong)
    expect(socket.isOpen).toBe(true)
  })

  test('answers an unknown message type with an error frame naming it and stays open', async () => {
    const socket = await open('user1')
    socket.send({ type: 'subscribe_everything' })
    const error = await socket.next(MessageType.Error)
    expect(error.data).toMatchObject({ code: ErrorCode.UnknownType })
    expect(error.data.message).toContain('subscribe_everything')
    socket.send({ type: MessageType.Ping })
    await socket.next(MessageType.Pong)
  })

  test('closes with 1009 when a client frame is over 64 KiB', async () => {
    const socket = await open('user1')
    socket.send(JSON.stringify({ type: MessageType.Ping, data: { pad: 'x'.repeat(MAX_FRAME_BYTES) } }))
    expect((await socket.closed).code).toBe(CloseCode.MessageTooBig)
  })

  test('accepts a frame just under the limit', async () => {
    const socket = await open('user1')
    const frame = JSON.stringify({ type: MessageType.Ping, data: { pad: '' } })
    socket.send(JSON.stringify({ type: MessageType.Ping, data: { pad: 'x'.repeat(MAX_FRAME_BYTES - frame.length) } }))
    await socket.next(MessageType.Pong)
  })

  test('closes with 1008 when a client floods messages', async () => {
    const socket = await open('user1')
    for (let i = 0; i < 200; i++)
      socket.send({ type: MessageType.Ping })
    expect((await socket.closed).code).toBe(CloseCode.PolicyViolation)
  })
})

describe('origins and paths', () => {
  test('refuses the upgrade from a foreign origin with HTTP 403', async () => {
    const token = await login(server.current, 'user1')
    expect(await refusedStatus(wsUrl(server.current, Paths.notificationsSocket, token), 'https://evil.example')).toBe(403)
  })

  test('accepts the Vite dev server and pages served by the server itself', async () => {
    const devServer = await open('user1', { origin: 'http://localhost:5173' })
    const sameHost = await open('user1', { origin: server.current.url })
    expect(devServer.isOpen && sameHost.isOpen).toBe(true)
  })

  test('answers an unknown socket path with HTTP 404', async () => {
    const token = await login(server.current, 'user1')
    expect(await refusedStatus(wsUrl(server.current, '/api/ws/everything', token))).toBe(404)
  })
})

describe('the per-user connection limit', () => {
  test('a fourth connection evicts the user\'s oldest with 4409 and keeps the others', async () => {
    const [oldest, middle, newest] = [await open('user2'), await open('user2'), await open('user2')]
    const fourth = await open('user2')
    expect(await oldest.closed).toEqual({ code: CloseCode.Replaced, reason: 'replaced' })
    expect([middle.isOpen, newest.isOpen, fourth.isOpen]).toEqual([true, true, true])
    expect((await stats()).users.user2).toBe(3)
  })

  test('ten parallel connects of one user end with exactly three open and the evicted ones saw 4409', async () => {
    const token = await login(server.current, 'admin')
    const attempts = Array.from({ length: 10 }, () => new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    sockets.push(...attempts)
    await Promise.all(attempts.map(socket => socket.next(MessageType.Connected)))
    // An evicted socket's close frame was sent before any later handshake finished, so it arrives
    // before the answer to this ping; a socket that stays open answers it.
    for (const socket of attempts)
      socket.send({ type: MessageType.Ping })
    await Promise.all(attempts.map(socket =>
      socket.waitUntil(() => socket.all(MessageType.Pong).length > 0 || socket.ws.readyState === socket.ws.CLOSED, 'a pong or a close')))

    const evicted = attempts.filter(socket => !socket.isOpen)
    expect(evicted).toHaveLength(7)
    for (const socket of evicted)
      expect((await socket.closed).code).toBe(CloseCode.Replaced)
    expect((await stats()).users.admin).toBe(3)
  })

  test('the limit is per user: another user\'s sockets are untouched', async () => {
    const mine = [await open('user1'), await open('user1'), await open('user1')]
    await open('user2')
    await open('user2')
    await open('user2')
    await open('user2')
    expect(mine.every(socket => socket.isOpen)).toBe(true)
  })
})
