// What goes wrong in a cluster: a process dies without closing anything, or Redis goes away and comes
// back empty. Neither may leave ghosts in the counts, stop local delivery, or need a server restart.
import { expect, test } from 'vitest'
import { CloseCode, MessageType, Paths } from '../../src/protocol'
import type { ClusterProcess } from '../../deploy/cluster'
import { INTERRUPTED_REASON } from '../../mock-server/tasks/simulator'
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

/** Seconds a dead process's connections keep counting (short, so the test waits little). */
const LEASE_SEC = 2

describeCluster('failures in a cluster', () => {
  const cluster = useCluster({ processes: 2, frontPort: null, env: { CLUSTER_INSTANCE_TTL: String(LEASE_SEC) } })
  const a = (): ClusterProcess => cluster.current.servers[0]
  const b = (): ClusterProcess => cluster.current.servers[1]
  const clients = useClients()

  test('a killed process\'s connections leave the counts once its lease expires, and stop counting against the limit', async () => {
    const crashing = await cluster.current.addServer()
    const user1 = await login(a(), 'user1')
    const survivor = await clients.socketOn(a(), user1)
    const doomed = [await clients.socketOn(crashing, user1), await clients.socketOn(crashing, user1)]
    await expect.poll(async () => (await statsAt(a())).users.user1).toBe(3)

    await crashing.kill()
    for (const socket of doomed)
      expect((await socket.closed).code).toBe(CloseCode.Abnormal)
    await expect.poll(async () => (await statsAt(b())).users.user1, { timeout: LEASE_SEC * 1000 + 8000 }).toBe(1)
    expect((await statsAt(b())).instances.map(instance => instance.pid).sort()).toEqual([a().pid, b().pid].sort())

    // Two new sockets make three live ones: nothing to evict, the ghosts are gone.
    await clients.socketOn(b(), user1)
    await clients.socketOn(b(), user1)
    await expect.poll(async () => (await statsAt(a())).users.user1).toBe(3)
    expect(survivor.isOpen).toBe(true)
  })

  test('a task whose process is killed is reported failed to its watchers on the other processes', async () => {
    const crashing = await cluster.current.addServer()
    const user1 = await login(a(), 'user1')
    const task = (await api<{ task_id: string }>(crashing, 'POST', Paths.tasks, { token: user1, body: taskInput({ step_ms: 300 }) })).body.data!
    const watcher = new TestSocket(wsUrl(a(), Paths.taskSocket(task.task_id), user1))
    clients.track(watcher)
    await watcher.next(MessageType.Progress)

    await crashing.kill()
    const failed = await watcher.next(MessageType.Error, LEASE_SEC * 2000 + 8000)
    expect(failed.data).toMatchObject({ task_id: task.task_id, error: INTERRUPTED_REASON })
    expect((await watcher.closed).code).toBe(CloseCode.Normal)
  })

  test('while Redis is down pushes still reach the publishing process\'s clients and the lost ones are counted; after it returns, delivery resumes without a server restart', async () => {
    const redis = cluster.current.redis
    const [user1, admin] = [await login(a(), 'user1'), await login(b(), 'admin')]
    const farSocket = await clients.socketOn(a(), user1)
    const farStream = clients.streamOn(a(), user1)
    await farStream.next(MessageType.Connected)
    const nearSocket = await clients.socketOn(b(), user1)
    const failuresBefore = (await statsAt(b())).instances.find(instance => instance.pid === b().pid)!.redis_publish_failures

    const before = await notifyAt(b(), admin, 'user1')
    expect((await farSocket.next(MessageType.Notification)).data.id).toBe(before.id)
    expect((await farStream.next(MessageType.Notification)).id).toBe(before.id)
    expect((await nearSocket.next(MessageType.Notification)).data.id).toBe(before.id)

    await redis.stop()
    await expect.poll(async () => (await statsAt(b())).redis).toBe('unavailable')
    const during = await notifyAt(b(), admin, 'user1')
    expect((await nearSocket.next(MessageType.Notification)).data.id).toBe(during.id)
    expect((await statsAt(b())).instances[0].redis_publish_failures).toBe(failuresBefore + 1)
    expect(b().output()).toMatch(/redis publish failed .*pushes have missed the other processes/)

    await redis.restart()
    const probe = probeRedis(redis.url)
    try {
      // Redis came back empty: both processes subscribe again and record their sockets again on their own.
      await expect.poll(() => subscribersOfUser(probe, 'user1'), { timeout: 10_000 }).toBe(2)
      await expect.poll(async () => (await statsAt(a())).users.user1, { timeout: 10_000 }).toBe(2)
      expect(await clientNames(probe)).toHaveLength(4)
    }
    finally {
      probe.disconnect()
    }
    const after = await notifyAt(b(), admin, 'user1')
    expect((await farSocket.next(MessageType.Notification)).data.id).toBe(after.id)
    expect((await farStream.next(MessageType.Notification)).id).toBe(after.id)
    expect(farSocket.all(MessageType.Notification).map(frame => frame.data.id)).toEqual([before.id, after.id])
    expect(farStream.events.filter(event => event.event === MessageType.Notification).map(event => event.id)).toEqual([before.id, after.id])
    expect((await statsAt(b())).instances.find(instance => instance.pid === b().pid)!.redis_publish_failures).toBe(failuresBefore + 1)
  })
})
