// What one signed-in user may hold and do at once: notification sockets and SSE streams share one limit,
// task sockets and running tasks have their own, and message and connect rates are counted per user, so
// neither spreading over sockets nor reconnecting buys more.
import { afterEach, describe, expect, test } from 'vitest'
import type { ConnectionStats } from '../../mock-server/connections/registry'
import { REPLACED_RETRY_MS } from '../../mock-server/http/sse'
import { CloseCode, CloseReason, MessageType, Paths, type TaskInfo } from '../../src/protocol'
import { taskInput } from './support/factories'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'
import { openStream, type TestStream } from './support/sse'

const sockets: TestSocket[] = []
const streams: TestStream[] = []
afterEach(async () => {
  streams.splice(0).forEach(stream => stream.close())
  await closeAll(sockets)
})

type Server = ReturnType<typeof useTestServer>

/** A notification socket that said `connected`; a task socket, or one expected to close, as soon as it exists. */
async function socketOf(server: Server, token: string, path: string = Paths.notificationsSocket, { expectClose = false } = {}): Promise<TestSocket> {
  const socket = path === Paths.notificationsSocket && !expectClose
    ? await connect(wsUrl(server.current, path, token))
    : new TestSocket(wsUrl(server.current, path, token))
  sockets.push(socket)
  return socket
}

function streamOf(server: Server, token: string): TestStream {
  const stream = openStream(server.current, { token })
  streams.push(stream)
  return stream
}

async function stats(server: Server): Promise<ConnectionStats> {
  return (await fetch(`${server.current.url}${Paths.stats}`)).json() as Promise<ConnectionStats>
}

/** Sends `count` pings at once; resolves when each was answered or the socket closed. */
async function pingBurst(socket: TestSocket, count: number): Promise<void> {
  const pongsBefore = socket.all(MessageType.Pong).length
  for (let i = 0; i < count; i++)
    socket.send({ type: MessageType.Ping })
  await socket.waitUntil(() => socket.all(MessageType.Pong).length - pongsBefore === count || !socket.isOpen, 'every pong or a close')
}

describe('notification sockets and SSE streams share the per-user limit', () => {
  const server = useTestServer({ maxConnectsPerUserPerSecond: 1000 })

  test('a fourth connection evicts the user\'s oldest SSE stream, which is told 4409 before it ends', async () => {
    const token = await login(server.current, 'user1')
    const stream = streamOf(server, token)
    await stream.next(MessageType.Connected)
    const kept = [await socketOf(server, token), await socketOf(server, token)]
    await socketOf(server, token)

    const close = await stream.next(MessageType.Close)
    expect(close.data).toEqual({ code: CloseCode.Replaced, reason: CloseReason[CloseCode.Replaced] })
    await stream.waitUntil(() => stream.ended, 'the stream to end')
    expect(kept.every(socket => socket.isOpen)).toBe(true)
    expect(await stats(server)).toMatchObject({ sse_connections: 0, users: { user1: 3 } })
  })

  test('a plain EventSource, which ignores the close event, is told to wait a day before it comes back once replaced', async () => {
    const token = await login(server.current, 'user1')
    const response = await fetch(`${server.current.url}${Paths.stream}?token=${encodeURIComponent(token)}`)
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!text.includes(`event: ${MessageType.Connected}`))
      text += (await reader.read()).value ?? ''
    for (let i = 0; i < 3; i++)
      await socketOf(server, token)

    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += chunk.value
    const tail = text.slice(text.indexOf(`event: ${MessageType.Connected}`))
    expect(tail).toMatch(new RegExp(`retry: ${REPLACED_RETRY_MS}\\n\\n[^]*event: ${MessageType.Close}\\n`))
  })

  test('a new SSE stream evicts the user\'s oldest socket with 4409', async () => {
    const token = await login(server.current, 'user2')
    const oldest = await socketOf(server, token)
    await socketOf(server, token)
    await socketOf(server, token)
    const stream = streamOf(server, token)
    await stream.next(MessageType.Connected)

    expect((await oldest.closed).code).toBe(CloseCode.Replaced)
    expect(await stats(server)).toMatchObject({ sse_connections: 1, users: { user2: 2 } })
  })
})

describe('task sockets and running tasks per user', () => {
  const server = useTestServer({ maxTaskSocketsPerUser: 2, maxRunningTasksPerUser: 2, maxConnectsPerUserPerSecond: 1000 })

  async function startTask(token: string, overrides: Parameters<typeof taskInput>[0] = {}) {
    return api<TaskInfo>(server.current, 'POST', Paths.tasks, { token, body: taskInput(overrides) })
  }

  test('a task socket past WS_MAX_TASK_SOCKETS_PER_USER completes the handshake and closes with 4429', async () => {
    const token = await login(server.current, 'admin')
    const task = (await startTask(token, { step_ms: 60_000 })).body.data!
    const path = Paths.taskSocket(task.task_id)
    const watching = [await socketOf(server, token, path), await socketOf(server, token, path)]
    await Promise.all(watching.map(socket => socket.next(MessageType.Progress)))

    const third = await socketOf(server, token, path)
    await third.opened
    expect(await third.closed).toEqual({ code: CloseCode.TooManyRequests, reason: CloseReason[CloseCode.TooManyRequests] })
    expect(third.frames).toEqual([])

    await watching[0].close()
    const again = await socketOf(server, token, path)
    expect((await again.next(MessageType.Progress)).data.task_id).toBe(task.task_id)
  })

  test('starting a task past MAX_RUNNING_TASKS_PER_USER is 429 with a clear message and Retry-After, and works again once one finishes', async () => {
    const token = await login(server.current, 'user1')
    const quick = { steps: ['只有一步'], step_ms: 300 }
    const running = [await startTask(token, quick), await startTask(token, quick)]
    expect(running.map(result => result.status)).toEqual([201, 201])

    const refused = await startTask(token, quick)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ success: false, message: 'too many running tasks: 2 of 2 are still running; wait for one to finish' })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)

    await expect.poll(async () => (await api<TaskInfo>(server.current, 'GET', Paths.task(running[0].body.data!.task_id), { token })).body.data!.status,
      { timeout: 10_000 }).toBe('completed')
    expect((await startTask(token, quick)).status).toBe(201)
  })
})

describe('the message rate per user', () => {
  const server = useTestServer({ maxConnectsPerUserPerSecond: 1000 })

  test('spreading messages over several sockets does not escape the rate limit: the user\'s sockets share one allowance', async () => {
    const token = await login(server.current, 'admin')
    const mine = [await socketOf(server, token), await socketOf(server, token), await socketOf(server, token)]
    // 30 each stays under one socket's burst of 40; 90 together is far over the user's.
    await Promise.all(mine.map(socket => pingBurst(socket, 30)))

    const closed = mine.filter(socket => !socket.isOpen)
    expect(closed.length).toBeGreaterThan(0)
    for (const socket of closed)
      expect((await socket.closed).code).toBe(CloseCode.PolicyViolation)
  })

  test('reconnecting does not reset the message allowance', async () => {
    const token = await login(server.current, 'user1')
    const first = await socketOf(server, token)
    await pingBurst(first, 35)
    expect(first.isOpen).toBe(true)
    await first.close()

    const second = await socketOf(server, token)
    await pingBurst(second, 35)
    expect((await second.closed).code).toBe(CloseCode.PolicyViolation)
  })
})

describe('the connect rate per user', () => {
  // One connect every two seconds, in bursts of two.
  const server = useTestServer({ maxConnectsPerUserPerSecond: 0.5 })

  test('connecting faster than WS_MAX_CONNECTS_PER_USER_PER_SECOND completes the handshake and closes with 4429, and a stream is answered 429', async () => {
    const token = await login(server.current, 'user2')
    const attempts = Array.from({ length: 4 }, () => new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    sockets.push(...attempts)
    const outcomes = await Promise.all(attempts.map(async (socket) => {
      await socket.opened
      await socket.waitUntil(() => socket.frames.length > 0 || !socket.isOpen, 'connected or a close')
      return socket.isOpen ? 'connected' : (await socket.closed).code
    }))
    expect(outcomes.filter(outcome => outcome === 'connected')).toHaveLength(2)
    expect(outcomes.filter(outcome => outcome === CloseCode.TooManyRequests)).toHaveLength(2)

    const stream = streamOf(server, token)
    await stream.ready
    expect(stream.status).toBe(429)
  })

  test('once the connect allowance has refilled, the user connects again', async () => {
    const token = await login(server.current, 'user1')
    await socketOf(server, token)
    await socketOf(server, token)
    const refused = await socketOf(server, token, Paths.notificationsSocket, { expectClose: true })
    expect((await refused.closed).code).toBe(CloseCode.TooManyRequests)
    // At one connect per two seconds, waiting a little longer brings one back.
    await new Promise(resolve => setTimeout(resolve, 2500))
    expect((await socketOf(server, token)).isOpen).toBe(true)
  })
})
