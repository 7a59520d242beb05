// The connection tells the truth about the network and notices a returning server quickly: the
// browser's offline/online events, and a cheap probe of the server while a reconnect waits.
import { HttpResponse } from 'msw'
import { Paths, Routes, type NotificationChannelMessage } from '../../src/protocol'
import { createConnection, type ConnectionOptions, type RealtimeConnection } from '../../src/realtime'
import { on, seed, server, socketLog, socketSettings, useMswServer } from '../msw'

useMswServer()

let connection: RealtimeConnection<NotificationChannelMessage> | null = null

/** A window whose `online`/`offline` events the test fires, and the navigator.onLine it reports. */
function fakeNetwork() {
  const target = new EventTarget()
  const navigator = { onLine: true }
  return {
    window: target,
    navigator,
    go(onLine: boolean) {
      navigator.onLine = onLine
      target.dispatchEvent(new Event(onLine ? 'online' : 'offline'))
    },
  }
}

/** The server's HTTP side, up or down (down: the proxy in front answers 502). */
function serverHttp() {
  const state = { up: true, probes: 0 }
  server.use(on(Routes.stats, () => {
    state.probes += 1
    return state.up ? HttpResponse.json({ total_users: 0, total_connections: 0, users: {} }) : new HttpResponse('bad gateway', { status: 502 })
  }))
  return state
}

function open(options: ConnectionOptions = {}) {
  const token = seed.signedIn('admin')
  connection = createConnection({ getToken: () => token, random: () => 0, document: null, ...options })
  connection.connect()
  return connection
}

const settle = () => vi.advanceTimersByTimeAsync(0)

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  connection?.dispose()
  connection = null
  vi.useRealTimers()
})

describe('the browser going offline and online', () => {
  test('says no network at once when the browser goes offline, though the socket has not noticed', async () => {
    const network = fakeNetwork()
    const connection = open({ window: network.window, navigator: network.navigator })
    await settle()
    expect(connection.snapshot.status).toBe('open')

    network.go(false)
    expect(connection.snapshot.status).toBe('no-network')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(connection.snapshot.status).toBe('no-network')
  })

  test('reconnects at once when the network comes back', async () => {
    const network = fakeNetwork()
    const connection = open({ window: network.window, navigator: network.navigator })
    await settle()
    network.go(false)
    await vi.advanceTimersByTimeAsync(20_000)

    network.go(true)
    await vi.advanceTimersByTimeAsync(100)
    expect(connection.snapshot.status).toBe('open')
  })

  test('makes no attempt while the browser reports no network', async () => {
    const network = fakeNetwork()
    network.navigator.onLine = false
    const connection = open({ window: network.window, navigator: network.navigator })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(connection.snapshot.status).toBe('no-network')
  })
})

describe('probing the server during a backoff', () => {
  test('reconnects within a second of the server answering again, not at the end of a long backoff', async () => {
    const http = serverHttp()
    const connection = open({ window: null, probePath: Paths.stats, probeInterval: 1000 })
    await settle()
    expect(connection.snapshot.status).toBe('open')

    http.up = false
    socketSettings.down = true
    connection.restart() // the socket drops; with random() = 0 each wait is its full ceiling
    await vi.advanceTimersByTimeAsync(20_000) // five attempts in: the next waits 16 s
    expect(connection.snapshot.status).toBe('reconnecting')
    const attemptsBefore = connection.snapshot.reconnectAttempts

    http.up = true
    socketSettings.down = false
    await vi.advanceTimersByTimeAsync(1100)
    expect(connection.snapshot.status).toBe('open')
    expect(attemptsBefore).toBeGreaterThanOrEqual(4)
  })

  test('reconnects at once when the server came back just after an attempt failed, not after that attempt\'s backoff', async () => {
    const state = { probes: 0 }
    server.use(on(Routes.stats, () => {
      state.probes += 1
      // Down until the fourth attempt has failed; back (sockets too) from the probe right after it.
      if (socketLog.length < 4)
        return new HttpResponse('bad gateway', { status: 502 })
      socketSettings.down = false
      return HttpResponse.json({ total_users: 0, total_connections: 0, users: {} })
    }))
    socketSettings.down = true
    const connection = open({ window: null, probePath: Paths.stats, probeInterval: 1000, sseAfterFailures: 100 })
    await vi.advanceTimersByTimeAsync(6_900) // attempts at 0, 1 and 3 s; the fourth at 7 s, then a wait of 8 s
    expect(socketLog).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1200)
    expect(socketLog).toHaveLength(5)
    expect(connection.snapshot.status).toBe('open')
  })

  test('leaves the backoff alone when the server answers and only the socket fails', async () => {
    const http = serverHttp()
    socketSettings.down = true
    const connection = open({ window: null, probePath: Paths.stats, probeInterval: 1000, sseAfterFailures: 100 })
    await vi.advanceTimersByTimeAsync(14_000) // attempts at 0, 1, 3, 7 s; the next at 15 s
    expect(connection.snapshot.reconnectAttempts).toBe(4)
    expect(http.probes).toBeLessThanOrEqual(4) // one probe per wait, none repeated each second
  })
})
