// Redis killed and restarted under clients that stay connected: pushes between the processes fail
// meanwhile, so every client that may have missed one is told to resync — and ends with exactly what
// was stored, WebSocket or SSE, on either process.
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from 'vitest'
import { CloseCode, MAX_PAGE_SIZE, MessageType, Paths, type NotificationPage, type TaskInfo } from '../../src/protocol'
import type { ClusterProcess } from '../../deploy/cluster'
import { taskInput } from './support/factories'
import {
  describeCluster,
  notifyAt,
  probeRedis,
  subscribersOfUser,
  useCluster,
} from './support/cluster'
import { useClients } from './support/clients'
import { api, login, wsUrl } from './support/server'
import { InboxMirror } from './support/mirror'
import { TestSocket } from './support/socket'
import type { TestStream } from './support/sse'

/** A new notification about this often while the test runs (few enough for one REST page). */
const PUSH_EVERY_MS = 100
/** How long Redis stays dead. */
const OUTAGE_MS = 3000
/** Room for the outage, the resubscription and the clients' catching up on a busy machine. */
const TEST_TIMEOUT_MS = 60_000

describeCluster('a Redis outage under live clients', () => {
  // Four clients of one user (a socket and a stream on each process): room for all of them.
  const cluster = useCluster({ processes: 2, frontPort: null, env: { WS_MAX_CONNECTIONS_PER_USER: '4' } })
  const a = (): ClusterProcess => cluster.current.servers[0]
  const b = (): ClusterProcess => cluster.current.servers[1]
  const clients = useClients()

  async function connectedStreamOn(node: ClusterProcess, token: string): Promise<TestStream> {
    const stream = clients.streamOn(node, token)
    await stream.next(MessageType.Connected)
    return stream
  }

  async function storedIds(node: ClusterProcess, token: string): Promise<string[]> {
    const { body } = await api<NotificationPage>(node, 'GET', `${Paths.notifications}?page=1&page_size=${MAX_PAGE_SIZE}`, { token })
    return body.data!.items.map(item => item.id)
  }

  /** Kills Redis, waits, starts it again (empty) and waits until both processes listen for the user again. */
  async function outage(user: string): Promise<void> {
    const { redis } = cluster.current
    await redis.stop()
    await sleep(OUTAGE_MS)
    await redis.restart()
    const probe = probeRedis(redis.url)
    try {
      await expect.poll(() => subscribersOfUser(probe, user), { timeout: 10_000 }).toBe(2)
    }
    finally {
      probe.disconnect()
    }
  }

  test('clients on both processes, WebSocket and SSE, end with every acknowledged notification, none pushed twice', async () => {
    const user1 = await login(a(), 'user1')
    const [adminOnA, adminOnB] = [await login(a(), 'admin'), await login(b(), 'admin')]
    const baseline = Math.max(0, ...(await storedIds(a(), user1)).map(Number))
    const streamOnB = await connectedStreamOn(b(), user1)
    const mirrors = {
      socketOnA: new InboxMirror(a(), user1).followSocket(await clients.socketOn(a(), user1)),
      streamOnA: new InboxMirror(a(), user1).followStream(await connectedStreamOn(a(), user1)),
      socketOnB: new InboxMirror(b(), user1).followSocket(await clients.socketOn(b(), user1)),
      streamOnB: new InboxMirror(b(), user1).followStream(streamOnB),
    }
    await Promise.all(Object.values(mirrors).map(mirror => mirror.settled()))

    // Three of four through A, the fourth through B: each process's clients miss some of the other's.
    const acknowledged: string[] = []
    let producing = true
    let producerFailure: unknown = null
    const producer = (async () => {
      for (let n = 0; producing; n++) {
        const [node, token] = n % 4 === 3 ? [b(), adminOnB] : [a(), adminOnA]
        acknowledged.push((await notifyAt(node, token, 'user1')).id)
        await sleep(PUSH_EVERY_MS)
      }
    })().catch((error: unknown) => (producerFailure = error))
    await sleep(800)
    await outage('user1')
    await sleep(800)
    producing = false
    await producer
    expect(producerFailure).toBeNull()

    const expected = [...acknowledged].sort()
    expect(expected.length).toBeLessThan(MAX_PAGE_SIZE) // one REST page lists them all
    expect((await storedIds(a(), user1)).filter(id => Number(id) > baseline).sort()).toEqual(expected)
    for (const [name, mirror] of Object.entries(mirrors)) {
      await expect.poll(async () => {
        await mirror.settled()
        return [...mirror.ids].filter(id => Number(id) > baseline).sort()
      }, { timeout: 15_000, message: `${name} holds every acknowledged notification` }).toEqual(expected)
      expect(mirror.pushedTwice(), `${name} got no push twice`).toEqual([])
    }
    // The SSE resync moves no Last-Event-ID: a reconnect would still replay from the last notification.
    const resyncEvents = streamOnB.events.filter(event => event.event === MessageType.Resync)
    expect(resyncEvents.length).toBeGreaterThan(0)
    expect(resyncEvents.every(event => event.id === null)).toBe(true)
  }, TEST_TIMEOUT_MS)

  test('a task that finishes while Redis is down is shown finished to its watchers on the other process once Redis is back', async () => {
    const user1 = await login(a(), 'user1')
    const task = (await api<TaskInfo>(a(), 'POST', Paths.tasks, { token: user1, body: taskInput({ step_ms: 500 }) })).body.data!
    const watcher = new TestSocket(wsUrl(b(), Paths.taskSocket(task.task_id), user1))
    clients.track(watcher)
    await watcher.next(MessageType.Progress)

    const { redis } = cluster.current
    await redis.stop()
    await expect.poll(async () => (await api<TaskInfo>(a(), 'GET', Paths.task(task.task_id), { token: user1 })).body.data!.status, { timeout: 10_000 }).toBe('completed')
    await redis.restart()

    const completed = await watcher.next(MessageType.Completed, 15_000)
    expect(completed.data).toMatchObject({ task_id: task.task_id, progress: 100 })
    expect((await watcher.closed).code).toBe(CloseCode.Normal)
  }, TEST_TIMEOUT_MS)
})
