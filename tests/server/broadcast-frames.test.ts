// A push's WebSocket frame is built once and the same bytes are written to every socket of the user
// (mock-server/ws/frames.ts). What each client sees must not change: every socket gets the push exactly
// once, intact and in order with the frames `ws` writes itself (connected, pong), and a socket that
// stops reading is still dropped once its unread output passes MAX_BUFFERED_BYTES.
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { MAX_BUFFERED_BYTES, MessageType, Paths } from '../../src/protocol'
import { notificationInput } from './support/factories'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

/** A socket that also keeps every frame's text exactly as it arrived. */
async function openRecording(token: string): Promise<{ socket: TestSocket, texts: string[] }> {
  const socket = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
  sockets.push(socket)
  const texts: string[] = []
  socket.ws.on('message', raw => texts.push(raw.toString()))
  return { socket, texts }
}

describe('a broadcast', () => {
  test('reaches each socket of every user exactly once, in the same bytes for all of a user\'s sockets, before a later pong', async () => {
    const users = ['admin', 'user1', 'user2']
    const opened = await Promise.all(users.map(async (username) => {
      const token = await login(server.current, username)
      return { username, recorders: await Promise.all([openRecording(token), openRecording(token), openRecording(token)]) }
    }))
    const admin = await login(server.current, 'admin')
    const input = notificationInput({ user: '*', title: '全员广播' })
    expect((await api(server.current, 'POST', Paths.notifications, { token: admin, body: input })).status).toBe(201)

    for (const { recorders } of opened) {
      for (const { socket } of recorders) {
        await socket.next(MessageType.Notification)
        // A pong written by `ws` after the push arrives after it: the two paths keep their order.
        socket.send({ type: MessageType.Ping })
        await socket.next(MessageType.Pong)
      }
      const pushed = recorders.map(({ texts }) => texts.filter(text => text.includes(`"type":"${MessageType.Notification}"`)))
      expect(pushed.map(texts => texts.length)).toEqual([1, 1, 1])
      expect(new Set(pushed.flat()).size).toBe(1)
      const frames = recorders[0]!.socket.frames.map(frame => frame.type)
      expect(frames).toEqual([MessageType.Connected, MessageType.Notification, MessageType.Pong])
    }
    const titles = opened.flatMap(({ recorders }) => recorders.map(({ socket }) => socket.all(MessageType.Notification)[0]!.data.title))
    expect(titles).toEqual(Array.from({ length: 9 }, () => '全员广播'))
  })

  test('drops a socket that stops reading once its unread pushes pass MAX_BUFFERED_BYTES, and keeps the others', { timeout: 90_000 }, async () => {
    const token = await login(server.current, 'user1')
    const stalled = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
    sockets.push(stalled)
    const reading = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
    sockets.push(reading)
    // The client stops taking bytes in: the kernel's buffers fill, then the server's.
    ;(stalled.ws as unknown as { _socket: { pause: () => void } })._socket.pause()
    const admin = await login(server.current, 'admin')
    // The longest content allowed, 12 KB of UTF-8 per push; the kernel's buffers take some MB first.
    const content = '满'.repeat(4000)
    const bytesPerPush = Buffer.byteLength(content)
    let pushes = 0
    while (stalled.ws.readyState === WebSocket.OPEN && pushes * bytesPerPush < 8 * MAX_BUFFERED_BYTES) {
      await api(server.current, 'POST', Paths.notifications, { token: admin, body: notificationInput({ user: 'user1', content }) })
      pushes++
    }
    await reading.waitUntil(() => reading.all(MessageType.Notification).length === pushes, 'the reading socket to get every push')
    expect(pushes * bytesPerPush).toBeGreaterThan(MAX_BUFFERED_BYTES)
    ;(stalled.ws as unknown as { _socket: { resume: () => void } })._socket.resume()
    await stalled.closed
    expect(reading.isOpen).toBe(true)
    expect(reading.all(MessageType.Notification)).toHaveLength(pushes)
  })
})
