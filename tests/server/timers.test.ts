// A server with WS_HEARTBEAT_INTERVAL=1 and a one-second demo feed: heartbeats, dead-peer detection
// and live demo notifications, all driven by the server's own timers. The tests wait on those timers,
// so they run concurrently; user2 is reserved for the dead-peer test, which checks its stats.
import { describe, expect, onTestFinished, test } from 'vitest'
import { MessageType, Paths, notificationSchema, type Stats } from '../../src/protocol'
import { login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer({ heartbeatIntervalSec: 1, demoIntervalSec: 1 })

async function open(finished: typeof onTestFinished, username: string, options?: ConstructorParameters<typeof TestSocket>[1]): Promise<TestSocket> {
  const socket = await connect(wsUrl(server.current, Paths.notificationsSocket, await login(server.current, username)), options)
  finished(() => closeAll([socket]))
  return socket
}

describe.concurrent('heartbeats', () => {
  test('announces the configured interval in connected', async ({ onTestFinished }) => {
    const socket = await open(onTestFinished, 'user1')
    expect(socket.all(MessageType.Connected)[0].data.heartbeat_interval).toBe(1)
  })

  test('sends a heartbeat frame and a protocol ping every interval, and a peer that answers stays open', async ({ onTestFinished }) => {
    const socket = await open(onTestFinished, 'user1')
    const first = await socket.next(MessageType.Heartbeat, 3000)
    const second = await socket.next(MessageType.Heartbeat, 3000)
    const third = await socket.next(MessageType.Heartbeat, 3000)
    expect(Date.parse(second.data.timestamp) - Date.parse(first.data.timestamp)).toBeGreaterThanOrEqual(900)
    expect(Date.parse(third.data.timestamp) - Date.parse(second.data.timestamp)).toBeGreaterThanOrEqual(900)
    expect(socket.pings).toBeGreaterThanOrEqual(3)
    expect(socket.isOpen).toBe(true)
  })

  test('terminates a peer that stops answering pings, and stats stop counting it', async ({ onTestFinished }) => {
    const silent = await open(onTestFinished, 'user2', { autoPong: false })
    const { code } = await silent.closed
    // Terminated without a closing handshake: the client sees an abnormal closure.
    expect(code).toBe(1006)
    expect(silent.all(MessageType.Heartbeat).length).toBeGreaterThanOrEqual(1)
    const stats = await (await fetch(`${server.current.url}${Paths.stats}`)).json() as Stats
    expect(stats.users.user2).toBeUndefined()
  })
})

describe.concurrent('the demo feed', () => {
  test('pushes varied demo notifications to every connected user', async ({ onTestFinished }) => {
    const admin = await open(onTestFinished, 'admin')
    const user1 = await open(onTestFinished, 'user1')
    const first = await admin.next(MessageType.Notification, 3000)
    const second = await admin.next(MessageType.Notification, 3000)
    await user1.next(MessageType.Notification, 3000)
    expect(notificationSchema.parse(first.data).status).toBe('unread')
    expect([first.data.title, first.data.type]).not.toEqual([second.data.title, second.data.type])
  })

  test('stores demo notifications so they are in the inbox afterwards', async ({ onTestFinished }) => {
    const socket = await open(onTestFinished, 'admin')
    const pushed = await socket.next(MessageType.Notification, 3000)
    const token = await login(server.current, 'admin')
    const response = await fetch(`${server.current.url}${Paths.notification(pushed.data.id)}`, { headers: { Authorization: `Bearer ${token}` } })
    expect((await response.json()).data).toEqual(pushed.data)
  })
})
