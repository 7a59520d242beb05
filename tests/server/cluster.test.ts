// Two server processes on one Redis and one SQLite file, with nginx in front: whatever process a client
// lands on, it gets what is published on any other, and the limit and stats hold for the whole cluster.
import { expect, test } from 'vitest'
import { CloseCode, MessageType, Paths, type Notification } from '../../src/protocol'
import type { ClusterProcess } from '../../deploy/cluster'
import { taskInput } from './support/factories'
import {
  clientNames,
  describeCluster,
  notifyAt,
  probeRedis,
  statsAt,
  subscribersOfUser,
  useCluster,
} from './support/cluster'
import { useClients } from './support/clients'
import { api, login, wsUrl } from './support/server'
import { TestSocket } from './support/socket'

describeCluster('two processes behind one Redis', () => {
  const cluster = useCluster({ processes: 2 })
  const a = (): ClusterProcess => cluster.current.servers[0]
  const b = (): ClusterProcess => cluster.current.servers[1]
  // Each test starts from an empty cluster record.
  const clients = useClients(async () => {
    await expect.poll(async () => (await statsAt(a())).total_connections).toBe(0)
  })

  test('a socket on one process receives a notification published on the other, and the publisher\'s own sockets get it once', async () => {
    const [user1, admin] = [await login(a(), 'user1'), await login(b(), 'admin')]
    const onA = await clients.socketOn(a(), user1)
    const onB = await clients.socketOn(b(), user1)

    const created = await notifyAt(b(), admin, 'user1', { title: '跨进程通知' })
    expect((await onA.next(MessageType.Notification)).data).toEqual(created)
    expect((await onB.next(MessageType.Notification)).data).toEqual(created)

    // A later push has arrived, so any echo of the first would have too.
    const later = await notifyAt(b(), admin, 'user1')
    expect((await onB.next(MessageType.Notification)).data.id).toBe(later.id)
    expect(onB.all(MessageType.Notification).filter(frame => frame.data.id === created.id)).toHaveLength(1)
  })

  test('an SSE stream on one process receives what is published on the other, and Last-Event-ID replays what it missed, once', async () => {
    const [user1, admin] = [await login(a(), 'user1'), await login(b(), 'admin')]
    const first = clients.streamOn(a(), user1)
    await first.next(MessageType.Connected)
    const seen = await notifyAt(b(), admin, 'user1')
    expect((await first.next(MessageType.Notification)).id).toBe(seen.id)
    first.close()

    const missed = [await notifyAt(b(), admin, 'user1'), await notifyAt(b(), admin, 'user1')]
    const resumed = clients.streamOn(a(), user1, seen.id)
    await resumed.next(MessageType.Connected)
    expect((await resumed.next(MessageType.Notification)).id).toBe(missed[0].id)
    expect((await resumed.next(MessageType.Notification)).id).toBe(missed[1].id)
    const live = await notifyAt(b(), admin, 'user1')
    expect((await resumed.next(MessageType.Notification)).id).toBe(live.id)
    expect(resumed.events.filter(event => event.event === MessageType.Notification).map(event => event.id))
      .toEqual([missed[0].id, missed[1].id, live.id])
  })

  test('marking a notification read on one process updates the user\'s socket on the other', async () => {
    const [user1, admin] = [await login(a(), 'user1'), await login(a(), 'admin')]
    const onA = await clients.socketOn(a(), user1)
    const created = await notifyAt(a(), admin, 'user1')
    await onA.next(MessageType.Notification)

    expect((await api(b(), 'POST', Paths.notificationRead(created.id), { token: user1 })).status).toBe(200)
    expect((await onA.next(MessageType.NotificationRead)).data).toEqual({ ids: [created.id] })
  })

  test('a task started on one process shows its progress to a watcher on the other, and its completion notice reaches the owner there', async () => {
    const user1 = await login(a(), 'user1')
    const ownerOnB = await clients.socketOn(b(), user1)
    const task = (await api<{ task_id: string }>(a(), 'POST', Paths.tasks, { token: user1, body: taskInput({ symbol: '600519', step_ms: 150 }) })).body.data!
    const watcher = new TestSocket(wsUrl(b(), Paths.taskSocket(task.task_id), user1))
    clients.track(watcher)

    const completed = await watcher.next(MessageType.Completed)
    expect(completed.data).toMatchObject({ task_id: task.task_id, progress: 100, step: 5, total_steps: 5 })
    expect(watcher.all(MessageType.Progress).length).toBeGreaterThan(0)
    expect((await watcher.closed).code).toBe(CloseCode.Normal)
    const notice = await ownerOnB.next(MessageType.Notification)
    expect(notice.data).toMatchObject({ title: '分析完成', content: '600519 分析已完成', link: '/stocks/600519', type: 'analysis' })
  })

  test('every process answers /api/ws/stats for the whole cluster, and the per-process figures add up to it', async () => {
    const [admin, user1, user2] = [await login(a(), 'admin'), await login(a(), 'user1'), await login(a(), 'user2')]
    await clients.socketOn(a(), admin)
    await clients.socketOn(a(), admin)
    await clients.socketOn(b(), admin)
    await clients.socketOn(b(), user1)
    await clients.streamOn(a(), user2).next(MessageType.Connected)
    const task = (await api<{ task_id: string }>(b(), 'POST', Paths.tasks, { token: user1, body: taskInput({ step_ms: 5000 }) })).body.data!
    const watcher = new TestSocket(wsUrl(a(), Paths.taskSocket(task.task_id), user1))
    clients.track(watcher)
    await watcher.next(MessageType.Progress)

    const expected = { total_users: 2, total_connections: 4, users: { admin: 3, user1: 1 }, sse_connections: 1, task_connections: 1, redis: 'connected' }
    for (const node of [a(), b(), cluster.current.front!]) {
      await expect.poll(() => statsAt(node)).toMatchObject(expected)
      // The other process's figures come from its lease, renewed every third of the instance TTL.
      await expect.poll(async () => {
        const { instances } = await statsAt(node)
        const sum = (field: 'total_connections' | 'sse_connections' | 'task_connections') =>
          instances.reduce((total, instance) => total + instance[field], 0)
        return { pids: instances.map(instance => instance.pid).sort(), connections: sum('total_connections'), sse: sum('sse_connections'), tasks: sum('task_connections') }
      }, { timeout: 10_000 }).toEqual({ pids: [a().pid, b().pid].sort(), connections: 4, sse: 1, tasks: 1 })
    }
  })

  test('twelve simultaneous task starts of one user spread over both processes start exactly MAX_RUNNING_TASKS_PER_USER', async () => {
    const user2 = await login(a(), 'user2')
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, index) =>
      api(index % 2 === 0 ? a() : b(), 'POST', Paths.tasks, { token: user2, body: taskInput({ step_ms: 60_000 }) }).then(result => result.status)))

    expect(statuses.filter(status => status === 201)).toHaveLength(5)
    expect(statuses.filter(status => status === 429)).toHaveLength(7)
  })

  test('ten simultaneous connects of one user spread over both processes end with exactly three open', async () => {
    const user2 = await login(a(), 'user2')
    const opened = await Promise.all(Array.from({ length: 10 }, (_, index) => clients.socketOn(index % 2 === 0 ? a() : b(), user2)))

    await expect.poll(() => opened.filter(socket => !socket.isOpen).length, { timeout: 10_000 }).toBe(7)
    const codes = await Promise.all(opened.filter(socket => !socket.isOpen).map(async socket => (await socket.closed).code))
    expect(codes).toEqual(Array.from({ length: 7 }, () => CloseCode.Replaced))
    await expect.poll(async () => (await statsAt(b())).users.user2).toBe(3)
    expect(opened.filter(socket => socket.isOpen)).toHaveLength(3)
  })

  test('a new socket on one process evicts the user\'s oldest socket, held by the other, with 4409', async () => {
    const admin = await login(b(), 'admin')
    const oldest = await clients.socketOn(a(), admin)
    await clients.socketOn(a(), admin)
    await clients.socketOn(a(), admin)
    await expect.poll(async () => (await statsAt(b())).users.admin).toBe(3)

    const newest = await clients.socketOn(b(), admin)
    expect((await oldest.closed).code).toBe(CloseCode.Replaced)
    expect(newest.isOpen).toBe(true)
    await expect.poll(async () => (await statsAt(a())).users.admin).toBe(3)
  })

  test('an SSE stream on one process counts against the user\'s limit with sockets on the other: evicted, it is told 4409', async () => {
    const redis = probeRedis(cluster.current.redis.url)
    try {
      const user2 = await login(a(), 'user2')
      const stream = clients.streamOn(a(), user2)
      await stream.next(MessageType.Connected)
      await expect.poll(() => redis.zcard('tidings:conns:user2')).toBe(1)
      await clients.socketOn(b(), user2)
      await clients.socketOn(b(), user2)
      await clients.socketOn(b(), user2)

      expect((await stream.next(MessageType.Close, 10_000)).data.code).toBe(CloseCode.Replaced)
      await stream.waitUntil(() => stream.ended, 'the stream to end')
      // Streams count against the limit but stay out of the document's per-user socket counts.
      await expect.poll(async () => (await statsAt(a())).users.user2).toBe(3)
    }
    finally {
      redis.disconnect()
    }
  })

  test('logging out on one process closes that token\'s sockets on the other with 4401, and the other refuses the token from then on', async () => {
    const [kept, loggedOut] = [await login(a(), 'user1'), await login(a(), 'user1')]
    const survivor = await clients.socketOn(b(), kept)
    const victim = await clients.socketOn(b(), loggedOut)

    expect((await api(a(), 'POST', Paths.logout, { token: loggedOut })).status).toBe(200)
    expect((await victim.closed).code).toBe(CloseCode.Unauthorized)
    expect((await api(b(), 'GET', Paths.unreadCount, { token: loggedOut })).status).toBe(401)
    expect((await new TestSocket(wsUrl(b(), Paths.notificationsSocket, loggedOut)).closed).code).toBe(CloseCode.Unauthorized)
    expect(survivor.isOpen).toBe(true)
  })

  test('a process listens to a user\'s channel only while it holds one of that user\'s sockets or streams', async () => {
    const redis = probeRedis(cluster.current.redis.url)
    try {
      const admin = await login(a(), 'admin')
      await expect.poll(() => subscribersOfUser(redis, 'admin')).toBe(0)
      const onA = await clients.socketOn(a(), admin)
      expect(await subscribersOfUser(redis, 'admin')).toBe(1)
      const streamOnB = clients.streamOn(b(), admin)
      await streamOnB.next(MessageType.Connected)
      expect(await subscribersOfUser(redis, 'admin')).toBe(2)

      await onA.close()
      await expect.poll(() => subscribersOfUser(redis, 'admin')).toBe(1)
      streamOnB.close()
      await expect.poll(() => subscribersOfUser(redis, 'admin')).toBe(0)
      // Two connections per process, whatever came and went.
      expect(await clientNames(redis)).toHaveLength(4)
    }
    finally {
      redis.disconnect()
    }
  })

  test('clients that come in through the round-robin front reach each other whichever process they land on', async () => {
    const front = cluster.current.front!
    const [user1, admin] = [await login(front, 'user1'), await login(front, 'admin')]
    const sockets = [await clients.socketOn(front, user1), await clients.socketOn(front, user1)]
    await expect.poll(async () => (await statsAt(front)).instances.filter(instance => instance.total_connections > 0).length).toBe(2)

    const created: Notification = await notifyAt(front, admin, 'user1')
    for (const socket of sockets)
      expect((await socket.next(MessageType.Notification)).data.id).toBe(created.id)
  })
})
