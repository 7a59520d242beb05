import { afterEach, describe, expect, test } from 'vitest'
import { MessageType, Paths, type Notification } from '../../src/protocol'
import { notificationInput } from './support/factories'
import { api, login, useTestServer } from './support/server'
import { openStream, TestStream, type StreamOptions } from './support/sse'

const server = useTestServer({ heartbeatIntervalSec: 1 })
const streams: TestStream[] = []
afterEach(() => streams.splice(0).forEach(stream => stream.close()))

function stream(options: StreamOptions): TestStream {
  const opened = openStream(server.current, options)
  streams.push(opened)
  return opened
}

async function create(token: string, overrides: Parameters<typeof notificationInput>[0] = {}): Promise<Notification> {
  return (await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput(overrides) })).body.data!
}

describe('the SSE compatibility stream', () => {
  test('sends connected, then each new notification with its id', async () => {
    const token = await login(server.current, 'user1')
    const events = stream({ token })
    const connected = await events.next(MessageType.Connected)
    expect(connected.data.user_id).toBe('user1')

    const created = await create(token, { title: '价格提醒', type: 'alert' })
    const pushed = await events.next(MessageType.Notification)
    expect(pushed.id).toBe(created.id)
    expect(pushed.data).toEqual(created)
  })

  test('accepts the token in the Authorization header too', async () => {
    const events = stream({ token: await login(server.current, 'user2'), tokenInHeader: true })
    expect((await events.next(MessageType.Connected)).data.user_id).toBe('user2')
  })

  test('replays what was missed since Last-Event-ID, in order, then carries on live', async () => {
    const token = await login(server.current, 'admin')
    const first = stream({ token })
    await first.next(MessageType.Connected)
    const seen = await create(token)
    await first.next(MessageType.Notification)
    first.close()

    const missed = [await create(token), await create(token)]
    const resumed = stream({ token, lastEventId: seen.id })
    await resumed.next(MessageType.Connected)
    expect((await resumed.next(MessageType.Notification)).data).toEqual(missed[0])
    expect((await resumed.next(MessageType.Notification)).data).toEqual(missed[1])

    const live = await create(token)
    expect((await resumed.next(MessageType.Notification)).id).toBe(live.id)
    expect(resumed.events.filter(event => event.event === MessageType.Notification).map(event => event.id))
      .toEqual([...missed, live].map(item => item.id))
  })

  test('accepts lastEventId as a query parameter', async () => {
    const token = await login(server.current, 'user2')
    const before = await create(token)
    const after = await create(token)
    const url = `${server.current.url}${Paths.stream}?token=${token}&lastEventId=${before.id}`
    const events = new TestStream(url)
    streams.push(events)
    expect((await events.next(MessageType.Notification)).id).toBe(after.id)
  })

  test('sends a heartbeat event every interval', async () => {
    const events = stream({ token: await login(server.current, 'user1') })
    const heartbeat = await events.next(MessageType.Heartbeat, 3000)
    expect(Date.parse(heartbeat.data.timestamp)).not.toBeNaN()
  })

  test('refuses a stream without a valid token with 401', async () => {
    const missing = stream({})
    await missing.ready
    expect(missing.status).toBe(401)
    const bad = stream({ token: 'garbage' })
    await bad.ready
    expect(bad.status).toBe(401)
  })

  test('ends the stream when its token is logged out', async () => {
    const token = await login(server.current, 'user1')
    const events = stream({ token })
    await events.next(MessageType.Connected)
    await api(server.current, 'POST', Paths.logout, { token })
    await events.waitUntil(() => events.ended, 'the stream to end')
  })
})
