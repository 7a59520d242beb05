// The framework-free connection against msw's ws link, on fake timers.
import { CloseCode, CloseReason, MessageType, Paths, type NotificationChannelMessage } from '../../src/protocol'
import { createConnection, type ConnectionOptions, type ConnectionStatus, type EventSourceConstructor, type RealtimeConnection } from '../../src/realtime'
import { heartbeatFrame, notification, notificationFrame, notificationSocket, seed, server, socketLog, socketSettings, socketsOf, useMswServer } from '../msw'

useMswServer()

let connection: RealtimeConnection<NotificationChannelMessage> | null = null

function open(options: ConnectionOptions = {}) {
  const token = seed.signedIn('admin')
  const statuses: ConnectionStatus[] = []
  const messages: NotificationChannelMessage[] = []
  connection = createConnection({ getToken: () => token, random: () => 0, ...options })
  connection.on('state', (s) => {
    if (statuses.at(-1) !== s.status)
      statuses.push(s.status)
  })
  connection.on('message', m => messages.push(m))
  connection.connect()
  return { connection, statuses, messages }
}

/** Lets msw deliver what it queued (its events ride on zero-delay timers). */
const settle = () => vi.advanceTimersByTimeAsync(0)

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  connection?.dispose()
  connection = null
  vi.useRealTimers()
})

describe('reconnecting', () => {
  test('waits 1, 2, 4, 8, 16 s, then 30 s between attempts, and goes offline after the last one', async () => {
    socketSettings.down = true
    const attemptTimes: number[] = []
    server.use(notificationSocket.addEventListener('connection', () => attemptTimes.push(Date.now())))
    const { connection } = open({ maxReconnectAttempts: 8 }) // random() = 0: each delay is its ceiling
    await vi.advanceTimersByTimeAsync(200_000)
    const gaps = attemptTimes.slice(1).map((t, i) => t - attemptTimes[i]!)
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000])
    expect(connection.snapshot.status).toBe('offline')
    expect(connection.snapshot.reconnectAttempts).toBe(8)
  })

  test('spreads attempts randomly below the backoff ceiling (full jitter)', async () => {
    socketSettings.down = true
    const attemptTimes: number[] = []
    server.use(notificationSocket.addEventListener('connection', () => attemptTimes.push(Date.now())))
    const draws = [0.25, 0.75, 0.5]
    open({ maxReconnectAttempts: 3, random: () => draws.shift() ?? 0 })
    await vi.advanceTimersByTimeAsync(10_000)
    const gaps = attemptTimes.slice(1).map((t, i) => t - attemptTimes[i]!)
    expect(gaps).toEqual([750, 500, 2000])
  })

  test('never reconnects after disconnect()', async () => {
    const { connection, statuses } = open()
    await settle()
    expect(connection.snapshot.status).toBe('open')
    connection.disconnect()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(socketLog).toHaveLength(1)
    expect(statuses.at(-1)).toBe('idle')
    expect(socketsOf()).toHaveLength(0)
  })

  test('reconnects when the server drops an open socket, and is open again', async () => {
    const { connection } = open()
    await settle()
    socketsOf().forEach(client => client.close(CloseCode.GoingAway, 'server shutting down'))
    await settle()
    expect(connection.snapshot.status).toBe('reconnecting')
    expect(connection.snapshot.lastError).toBe('server shutting down')
    await vi.advanceTimersByTimeAsync(1000)
    expect(connection.snapshot.status).toBe('open')
    expect(socketLog).toHaveLength(2)
  })

  test('from offline, tries again when the browser comes back online', async () => {
    socketSettings.down = true
    const { connection } = open({ maxReconnectAttempts: 1 })
    await vi.advanceTimersByTimeAsync(5000)
    expect(connection.snapshot.status).toBe('offline')
    socketSettings.down = false
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(connection.snapshot.status).toBe('open')
  })

  test('from offline, tries again when the tab becomes visible', async () => {
    socketSettings.down = true
    const { connection } = open({ maxReconnectAttempts: 1 })
    await vi.advanceTimersByTimeAsync(5000)
    expect(connection.snapshot.status).toBe('offline')
    socketSettings.down = false
    document.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(connection.snapshot.status).toBe('open')
  })

  test('reconnectNow() skips the wait and restores the attempt budget', async () => {
    socketSettings.down = true
    const { connection } = open({ maxReconnectAttempts: 1 })
    await vi.advanceTimersByTimeAsync(5000)
    expect(connection.snapshot.status).toBe('offline')
    socketSettings.down = false
    connection.reconnectNow()
    await settle()
    expect(connection.snapshot).toMatchObject({ status: 'open', reconnectAttempts: 0, lastError: null })
  })
})

describe('close codes', () => {
  test('4409 (replaced by a newer connection) stops without reconnecting', async () => {
    const { connection } = open()
    await settle()
    socketsOf().forEach(client => client.close(CloseCode.Replaced, 'replaced'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(connection.snapshot.status).toBe('replaced')
    expect(socketLog).toHaveLength(1)
  })

  test('4429 (connecting too often) is retried after a backoff, never at once', async () => {
    socketSettings.refuseAsTooMany = 3
    const attemptTimes: number[] = []
    server.use(notificationSocket.addEventListener('connection', () => attemptTimes.push(Date.now())))
    // random() = 1 is the draw that would otherwise retry at once (full jitter down to 0 ms).
    const { connection, statuses } = open({ random: () => 1 })
    await settle()
    expect(connection.snapshot).toMatchObject({ status: 'reconnecting', lastError: CloseReason[CloseCode.TooManyRequests] })
    await vi.advanceTimersByTimeAsync(999)
    expect(attemptTimes).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10_000)
    const gaps = attemptTimes.slice(1).map((t, i) => t - attemptTimes[i]!)
    expect(gaps).toEqual([1000, 1000, 1000])
    expect(connection.snapshot.status).toBe('open')
    expect(statuses).not.toContain('offline')
  })

  test('4429 is no reason to fall back to SSE: WebSocket works, the server only said "later"', async () => {
    socketSettings.refuseAsTooMany = 4
    const streamsOpened: string[] = []
    class RecordingEventSource {
      constructor(url: string) {
        streamsOpened.push(url)
      }

      addEventListener(): void {}
      close(): void {}
    }
    const { connection } = open({ ssePath: Paths.stream, sseAfterFailures: 3, EventSource: RecordingEventSource as unknown as EventSourceConstructor })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(connection.snapshot).toMatchObject({ status: 'open', transport: 'websocket' })
    expect(streamsOpened).toEqual([])
  })

  test('4401 without a way to refresh goes unauthorized at once instead of retrying', async () => {
    const token = seed.signedIn('admin')
    seed.expire(token)
    connection = createConnection({ getToken: () => token })
    connection.connect()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(connection.snapshot.status).toBe('unauthorized')
    expect(socketLog).toHaveLength(1)
  })
})

describe('watchdog', () => {
  test('a socket silent for 2.5 heartbeat intervals is replaced by a new one', async () => {
    socketSettings.heartbeatInterval = 2 // seconds, announced in the connected frame
    const { connection } = open()
    await settle()
    await vi.advanceTimersByTimeAsync(4900)
    expect(socketLog).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    expect(connection.snapshot.lastError).toMatch(/no frame for 5 s/)
    await vi.advanceTimersByTimeAsync(1000)
    expect(socketLog).toHaveLength(2)
    expect(connection.snapshot.status).toBe('open')
  })

  test('an attempt the server never answers is given up after the open timeout and retried', async () => {
    socketSettings.silent = true
    const { connection } = open({ openTimeout: 5000 })
    await vi.advanceTimersByTimeAsync(4900)
    expect(connection.snapshot.status).toBe('connecting')
    await vi.advanceTimersByTimeAsync(200)
    expect(connection.snapshot).toMatchObject({ status: 'reconnecting', lastError: 'the server did not answer in time' })
    socketSettings.silent = false
    await vi.advanceTimersByTimeAsync(1000)
    expect(connection.snapshot.status).toBe('open')
    expect(socketLog).toHaveLength(2)
  })

  test('by default a slow server gets 20 s to answer before the attempt is given up', async () => {
    socketSettings.silent = true
    const { connection } = open()
    await vi.advanceTimersByTimeAsync(19_900)
    expect(connection.snapshot.status).toBe('connecting')
    await vi.advanceTimersByTimeAsync(200)
    expect(connection.snapshot).toMatchObject({ status: 'reconnecting', lastError: 'the server did not answer in time' })
  })

  test('heartbeats keep a socket alive indefinitely', async () => {
    socketSettings.heartbeatInterval = 2
    const { connection } = open()
    await settle()
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(2000)
      socketsOf().forEach(client => client.send(JSON.stringify(heartbeatFrame())))
    }
    await settle()
    expect(socketLog).toHaveLength(1)
    expect(connection.snapshot.status).toBe('open')
  })
})

describe('sending', () => {
  test('messages sent before the socket opens are delivered in order once it does', async () => {
    const received: string[] = []
    server.use(notificationSocket.addEventListener('connection', ({ client }) => {
      client.addEventListener('message', event => received.push(JSON.parse(String(event.data)).data.n))
    }))
    const { connection } = open()
    expect(connection.send({ type: MessageType.Ping, data: { n: 'first' } })).toBe(false)
    connection.send({ type: MessageType.Ping, data: { n: 'second' } })
    await settle()
    expect(received).toEqual(['first', 'second'])
  })

  test('the queue keeps only the newest messages beyond its bound', async () => {
    const received: string[] = []
    server.use(notificationSocket.addEventListener('connection', ({ client }) => {
      client.addEventListener('message', event => received.push(JSON.parse(String(event.data)).data.n))
    }))
    const { connection } = open({ maxQueuedMessages: 2 })
    for (const n of ['a', 'b', 'c'])
      connection.send({ type: MessageType.Ping, data: { n } })
    await settle()
    expect(received).toEqual(['b', 'c'])
  })
})

describe('validation', () => {
  test('invalid frames are counted and dropped, and the frames after them still arrive', async () => {
    const { connection, messages } = open()
    await settle()
    const [client] = socketsOf()
    client!.send('{not json')
    client!.send(JSON.stringify({ type: MessageType.Notification, data: { ...notification(), type: 'spam' } }))
    client!.send(JSON.stringify({ type: 'surprise', data: {} }))
    client!.send(JSON.stringify(notificationFrame(notification({ title: 'still here' }))))
    await settle()
    expect(connection.snapshot.droppedFrames).toBe(3)
    expect(connection.snapshot.status).toBe('open')
    const notifications = messages.filter(m => m.type === MessageType.Notification)
    expect(notifications.map(m => m.data)).toMatchObject([{ title: 'still here' }])
  })
})
