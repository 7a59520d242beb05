// The HTTP server under clients that hold on without getting anywhere: slow headers and bodies are cut
// at the configured timeouts, connections are capped in total and, while not yet authenticated, per
// address; a client that gives up halfway through a body is one quiet log line; HEAD on the stream
// answers at once and opens nothing.
import { afterEach, describe, expect, test } from 'vitest'
import type { ConnectionStats } from '../../mock-server/connections/registry'
import type { LogLevel } from '../../mock-server/logger'
import { MessageType, Paths } from '../../src/protocol'
import { RawConnection, silentConnections } from './support/raw'
import { login, streamUrl, useTestServer, wsUrl } from './support/server'
import { connect } from './support/socket'
import { openStream, type TestStream } from './support/sse'

const connections: RawConnection[] = []
const streams: TestStream[] = []
afterEach(() => {
  connections.splice(0).forEach(connection => connection.destroy())
  streams.splice(0).forEach(stream => stream.close())
})

type Server = ReturnType<typeof useTestServer>

function raw(server: Server): RawConnection {
  const connection = new RawConnection(server.current)
  connections.push(connection)
  return connection
}

async function silent(server: Server, count: number): Promise<RawConnection[]> {
  const opened = await silentConnections(server.current, count)
  connections.push(...opened)
  return opened
}

/** Whether the server answers a plain request on a new connection (a dropped one can leave fetch waiting: given up). */
async function answers(server: Server): Promise<boolean> {
  try {
    const response = await fetch(`${server.current.url}${Paths.stats}`, { headers: { Connection: 'close' }, signal: AbortSignal.timeout(2000) })
    await response.arrayBuffer()
    return response.ok
  }
  catch {
    return false
  }
}

async function stats(server: Server): Promise<ConnectionStats> {
  return (await fetch(`${server.current.url}${Paths.stats}`)).json() as Promise<ConnectionStats>
}

describe('slow requests', () => {
  const server = useTestServer({ headersTimeoutSec: 1, requestTimeoutSec: 2 })

  test('headers that take longer than HTTP_HEADERS_TIMEOUT are cut off', async () => {
    const client = raw(server)
    await client.ready()
    client.write('GET /api/ws/stats HTTP/1.1\r\nHost: localhost\r\n')
    const drip = setInterval(() => client.write('X-Slow: 1\r\n'), 200)
    try {
      await client.untilClosed(15_000)
    }
    finally {
      clearInterval(drip)
    }
    expect(client.received).toMatch(/^HTTP\/1\.1 408/)
  })

  test('a body drip-fed for longer than HTTP_REQUEST_TIMEOUT is cut off', async () => {
    const client = raw(server)
    await client.ready()
    client.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
    const drip = setInterval(() => client.write(' '), 200)
    try {
      await client.untilClosed(15_000)
    }
    finally {
      clearInterval(drip)
    }
    expect(client.received).toMatch(/^HTTP\/1\.1 408/)
  })

  test('a WebSocket and an SSE stream outlive HTTP_REQUEST_TIMEOUT: the timeouts are for requests, not for what follows', async () => {
    const token = await login(server.current, 'user1')
    const socket = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
    const stream = openStream(server.current, { token })
    streams.push(stream)
    await stream.next(MessageType.Connected)
    // Well past the 2 s request timeout (and Node's check of it, every quarter of the headers timeout).
    await new Promise(resolve => setTimeout(resolve, 3500))
    try {
      socket.send({ type: MessageType.Ping })
      await socket.next(MessageType.Pong)
      expect(stream.ended).toBe(false)
    }
    finally {
      await socket.close()
    }
  })
})

describe('connection caps', () => {
  describe('in total', () => {
    const server = useTestServer({ maxConnections: 3, headersTimeoutSec: 30 })

    test('past MAX_CONNECTIONS a new connection is dropped at once, and accepted again once one closes', async () => {
      const held = await silent(server, 3)
      const extra = raw(server)
      await extra.untilClosed(10_000)
      expect(extra.received).toBe('')

      held[0].destroy()
      await expect.poll(() => answers(server), { timeout: 10_000 }).toBe(true)
    })
  })

  describe('per address, until authenticated', () => {
    const server = useTestServer({ maxPendingConnectionsPerIp: 2, headersTimeoutSec: 30 })

    test('past MAX_PENDING_CONNECTIONS_PER_IP silent connections a new one is dropped at once; authenticated streams do not count', async () => {
      const token = await login(server.current, 'admin')
      // One after the other: a stream stops counting once its token is checked.
      for (let i = 0; i < 3; i++) {
        const stream = openStream(server.current, { token })
        streams.push(stream)
        await stream.next(MessageType.Connected)
      }

      const held = await silent(server, 2)
      const extra = raw(server)
      await extra.untilClosed(10_000)
      expect(extra.received).toBe('')
      expect(await answers(server)).toBe(false)

      held[0].destroy()
      await expect.poll(() => answers(server), { timeout: 10_000 }).toBe(true)
      expect((await stats(server)).sse_connections).toBe(3)
    })
  })
})

describe('a client that gives up halfway through a body', () => {
  const lines: { level: LogLevel, message: string }[] = []
  const server = useTestServer({ logger: (level, message) => lines.push({ level, message }) })

  test('is logged in one line below error level, without a stack', async () => {
    const token = await login(server.current, 'user1')
    const client = raw(server)
    await client.ready()
    client.write(`POST ${Paths.notifications} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n`
      + 'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":')
    // Give the server the first bytes before going away.
    await new Promise(resolve => setTimeout(resolve, 100))
    client.destroy()

    await expect.poll(() => lines.filter(line => line.message.includes(`POST ${Paths.notifications}`)).length, { timeout: 5000 }).toBe(1)
    const [line] = lines.filter(line => line.message.includes(`POST ${Paths.notifications}`))
    expect(line.level).not.toBe('error')
    expect(line.message).not.toContain('\n')
    expect(line.message).toContain('went away')
    expect(lines.filter(entry => entry.level === 'error')).toEqual([])
  })
})

describe('HEAD on the notification stream', () => {
  const server = useTestServer()

  test('answers 200 with the stream\'s headers at once and opens no stream', async () => {
    const token = await login(server.current, 'user2')
    const response = await fetch(streamUrl(server.current, token), { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(await stats(server)).toMatchObject({ sse_connections: 0 })
  })

  test('answers 401 for a bad token', async () => {
    const response = await fetch(`${server.current.url}${Paths.stream}?token=garbage`, { method: 'HEAD' })
    expect(response.status).toBe(401)
  })
})
