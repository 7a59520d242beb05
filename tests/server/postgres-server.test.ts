// Servers on PostgreSQL (DATABASE_URL): what users store is shared by every server on the database and
// survives a restart, ids keep increasing, and an SSE client coming back gets exactly what it missed.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { startPostgres, type RunningPostgres } from '../../deploy/postgres'
import type { RunningServer } from '../../mock-server/app'
import { MessageType, Paths, Routes, type Notification, type NotificationPage } from '../../src/protocol'
import { notificationInput } from './support/factories'
import { api, login, startTestServer, wsUrl } from './support/server'
import { describePostgres } from './support/engines'
import { connect } from './support/socket'
import { openStream } from './support/sse'

let postgres: RunningPostgres
const running: RunningServer[] = []
let databases = 0


async function serverOn(databaseUrl: string): Promise<RunningServer> {
  const server = await startTestServer({ databaseUrl })
  running.push(server)
  return server
}

const freshDatabase = () => postgres.createDatabase(`server_${++databases}`)

describePostgres('servers on PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres()
  }, 60_000)
  afterEach(async () => {
    await Promise.all(running.splice(0).map(server => server.close()))
  })
  afterAll(() => postgres?.stop())

  test('a notification created through one server is listed, counted and pushed by another on the same database', async () => {
    const databaseUrl = await freshDatabase()
    const [a, b] = [await serverOn(databaseUrl), await serverOn(databaseUrl)]
    const tokenA = await login(a, 'user1')
    const tokenB = await login(b, 'user1')
    const created = (await api<Notification>(a, 'POST', Paths.notifications, { token: tokenA, body: notificationInput({ title: 'über A' }) })).body.data!
    const page = (await api<NotificationPage>(b, 'GET', `${Paths.notifications}?q=ÜBER`, { token: tokenB })).body.data!
    expect(page.items).toEqual([created])
    expect((await api<{ count: number }>(b, 'GET', Paths.unreadCount, { token: tokenB })).body.data).toEqual({ count: 1 })
    // Read on B, seen on A: one database.
    await api(b, 'POST', Paths.notificationRead(created.id), { token: tokenB })
    expect((await api<{ count: number }>(a, 'GET', Paths.unreadCount, { token: tokenA })).body.data).toEqual({ count: 0 })
  })

  test('a restart keeps notifications, and new ids continue after the stored ones', async () => {
    const databaseUrl = await freshDatabase()
    let server = await serverOn(databaseUrl)
    let token = await login(server, 'user2')
    const kept = (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput() })).body.data!
    await running.pop()!.close()

    server = await serverOn(databaseUrl)
    token = await login(server, 'user2')
    const socket = await connect(wsUrl(server, Paths.notificationsSocket, token))
    const next = (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput() })).body.data!
    expect(Number(next.id)).toBeGreaterThan(Number(kept.id))
    expect((await socket.next(MessageType.Notification)).data).toEqual(next)
    const page = (await api<NotificationPage>(server, 'GET', Paths.notifications, { token })).body.data!
    expect(page.items.map(item => item.id)).toEqual([next.id, kept.id])
    socket.ws.close()
  })

  test('an SSE client coming back with Last-Event-ID gets exactly the notifications it missed, in order', async () => {
    const server = await serverOn(await freshDatabase())
    const token = await login(server, 'user1')
    const post = async () => (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput() })).body.data!
    const seen = await post()
    const missed = [await post(), await post()]
    const stream = openStream(server, { token, lastEventId: seen.id })
    await stream.next(MessageType.Connected)
    const replayed = [await stream.next(MessageType.Notification), await stream.next(MessageType.Notification)]
    expect(replayed.map(event => event.id)).toEqual(missed.map(item => item.id))
    stream.close()
  })

  test('an SSE client coming back while notifications keep arriving gets each one exactly once', async () => {
    const server = await serverOn(await freshDatabase())
    const token = await login(server, 'user1')
    const post = async () => (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput() })).body.data!
    const seen = await post()
    const before = [await post(), await post(), await post()]
    // Rows stored while the replay is being read: each must come once, by the replay or live (concurrent
    // requests may answer, and so push, in another order than their ids).
    const stream = openStream(server, { token, lastEventId: seen.id })
    const during = await Promise.all(Array.from({ length: 30 }, post))
    const expected = [...before, ...during].map(item => Number(item.id)).sort((x, y) => x - y).map(String)
    const ids = () => stream.events.filter(event => event.event === MessageType.Notification).map(event => event.id)
    await stream.waitUntil(() => ids().length >= expected.length, `${expected.length} notifications`)
    // A duplicate would arrive with the others; a later push proves nothing more is on its way.
    const last = await post()
    await stream.waitUntil(() => ids().includes(last.id), 'the last notification')
    expect(ids()).toHaveLength(expected.length + 1)
    expect([...ids()].sort((x, y) => Number(x) - Number(y))).toEqual([...expected, last.id])
    stream.close()
  })

  test('a sign-out through one server is refused by another server on the same database', async () => {
    const databaseUrl = await freshDatabase()
    const [a, b] = [await serverOn(databaseUrl), await serverOn(databaseUrl)]
    const token = await login(a, 'user1')
    expect((await api(b, 'GET', Routes.me.path, { token })).status).toBe(200)
    await api(a, 'POST', Paths.logout, { token })
    expect((await api(b, 'GET', Routes.me.path, { token })).status).toBe(401)
  })
})
