// Two server processes that share nothing but PostgreSQL and Redis: each runs in its own working
// folder with no database file, so whatever one process stores, the other serves.
import { describe, expect, test } from 'vitest'
import type { ClusterProcess } from '../../deploy/cluster'
import { CloseCode, MessageType, Paths, type NotificationPage } from '../../src/protocol'
import { notifyAt, redisAvailable, statsAt, useCluster } from './support/cluster'
import { useClients } from './support/clients'
import { postgresAvailable } from './support/engines'
import { api, login } from './support/server'

describe.skipIf(!redisAvailable || !postgresAvailable)('two processes on one PostgreSQL and one Redis, no shared file', () => {
  const cluster = useCluster({ processes: 2, frontPort: null, storage: 'postgres' })
  const a = (): ClusterProcess => cluster.current.servers[0]!
  const b = (): ClusterProcess => cluster.current.servers[1]!
  const clients = useClients()

  test('a notification created through process A reaches a socket on process B and is in B\'s REST list', async () => {
    const [admin, user1] = [await login(a(), 'admin'), await login(b(), 'user1')]
    const onB = await clients.socketOn(b(), user1)
    const created = await notifyAt(a(), admin, 'user1', { title: '从 A 到 B' })
    expect((await onB.next(MessageType.Notification)).data).toEqual(created)
    const page = (await api<NotificationPage>(b(), 'GET', Paths.notifications, { token: user1 })).body.data!
    expect(page.items[0]).toEqual(created)
  })

  test('an SSE client coming back on process B with Last-Event-ID gets exactly what was created on A meanwhile', async () => {
    const [admin, user2] = [await login(a(), 'admin'), await login(b(), 'user2')]
    const seen = await notifyAt(a(), admin, 'user2')
    const missed = [await notifyAt(a(), admin, 'user2'), await notifyAt(a(), admin, 'user2')]
    const stream = clients.streamOn(b(), user2, seen.id)
    await stream.next(MessageType.Connected)
    const replayed = [await stream.next(MessageType.Notification), await stream.next(MessageType.Notification)]
    expect(replayed.map(event => event.id)).toEqual(missed.map(item => item.id))
  })

  test('the per-user connection limit holds across the two processes: a new socket on B evicts the oldest, on A', async () => {
    const admin = await login(b(), 'admin')
    const oldest = await clients.socketOn(a(), admin)
    await clients.socketOn(a(), admin)
    await clients.socketOn(a(), admin)
    await expect.poll(async () => (await statsAt(b())).users.admin).toBe(3)
    const newest = await clients.socketOn(b(), admin)
    expect((await oldest.closed).code).toBe(CloseCode.Replaced)
    expect(newest.isOpen).toBe(true)
  })

  test('a process killed with kill -9 right after acknowledging notifications loses none of them', async () => {
    const [admin, user1] = [await login(a(), 'admin'), await login(b(), 'user1')]
    const before = (await api<NotificationPage>(b(), 'GET', `${Paths.notifications}?page_size=1`, { token: user1 })).body.data!.total
    const acknowledged = []
    for (let index = 0; index < 10; index++)
      acknowledged.push(await notifyAt(a(), admin, 'user1', { title: `ack ${index}` }))
    await a().kill()
    const page = (await api<NotificationPage>(b(), 'GET', `${Paths.notifications}?page_size=20`, { token: user1 })).body.data!
    expect(page.total).toBe(before + 10)
    expect(page.items.slice(0, 10).map(item => item.id)).toEqual(acknowledged.map(item => item.id).reverse())
  })
})
