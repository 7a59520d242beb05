// Admission in a burst (a restarted server under every tab at once): what one event-loop turn cannot
// serve waits for a later turn, and past what the queue may hold the client is told to come back
// (503 + Retry-After) rather than left waiting; socket handshakes are only queued. A budget of 0 and a
// queue of 0 make it exact: of the REST requests that arrive in one turn, the first waits for the next
// turn and the rest are refused. The test writes them all in one tick on raw connections, so the server reads them in one turn.
import { connect as tcpConnect, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, test } from 'vitest'
import { MessageType, Paths, type Envelope, type Notification, type NotificationPage } from '../../src/protocol'
import { withToken } from '../../src/realtime/url'
import { connectAt } from './support/clients'
import { ConditionWatch } from './support/conditions'
import { notificationInput } from './support/factories'
import { api, login, useTestServer } from './support/server'
import { closeAll, type TestSocket } from './support/socket'

const server = useTestServer({ admissionTurnBudgetMs: 0, admissionMaxQueueMs: 0 })
const sockets: TestSocket[] = []
const raws: RawClient[] = []
afterEach(async () => {
  raws.splice(0).forEach(raw => raw.socket.destroy())
  await closeAll(sockets)
})

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** A TCP connection that reads HTTP/1.1 responses one after another (pipelined), and the 101 of an upgrade. */
class RawClient {
  readonly socket: Socket
  private buffer = Buffer.alloc(0)
  readonly responses: RawResponse[] = []
  closed = false
  private readonly watch = new ConditionWatch(() => [String(this.responses.length), String(this.closed)])

  constructor(port: number) {
    this.socket = tcpConnect(port, '127.0.0.1')
    this.socket.on('error', () => {})
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.parse()
      this.watch.notify()
    })
    this.socket.on('close', () => {
      this.closed = true
      this.watch.notify()
    })
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => this.socket.once('connect', resolve).once('error', reject))
  }

  until(condition: () => boolean, what: string): Promise<void> {
    return this.watch.until(condition, what)
  }

  private parse(): void {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n')
      if (end < 0)
        return
      const [statusLine, ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n')
      const headers = Object.fromEntries(lines.map(line => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
      const status = Number(statusLine!.split(' ')[1])
      // A 101 is followed by WebSocket frames, not a body.
      const length = status === 101 ? 0 : Number(headers['content-length'] ?? 0)
      if (this.buffer.length < end + 4 + length)
        return
      this.responses.push({ status, headers, body: this.buffer.subarray(end + 4, end + 4 + length).toString('utf8') })
      this.buffer = status === 101 ? Buffer.alloc(0) : this.buffer.subarray(end + 4 + length)
      if (status === 101)
        return
    }
  }
}

async function rawClient(): Promise<RawClient> {
  const raw = new RawClient(server.current.port)
  raws.push(raw)
  await raw.ready()
  return raw
}

function listRequest(token: string): string {
  return `GET ${Paths.notifications}?page=1&page_size=100 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`
}

function upgradeRequest(token: string): string {
  return `GET ${withToken(Paths.notificationsSocket, token)} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
    + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
}

async function stored(token: string, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index++)
    ids.push((await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ title: `stored ${index}` }) })).body.data!.id)
  return ids
}

function idsOf(response: RawResponse | { body: Envelope<NotificationPage> }): string[] {
  const body = typeof response.body === 'string' ? JSON.parse(response.body) as Envelope<NotificationPage> : response.body
  return body.data!.items.map(item => item.id).sort()
}

describe('admission in a burst', () => {
  test('requests past what a turn may serve get 503 with Retry-After, and asked again after it they get everything', async () => {
    const token = await login(server.current, 'user1')
    const ids = await stored(token, 3)
    const raw = await rawClient()
    raw.socket.write(listRequest(token).repeat(4))
    await raw.until(() => raw.responses.length === 4, 'four responses')

    expect(raw.responses.map(response => response.status)).toEqual([200, 503, 503, 503])
    expect(idsOf(raw.responses[0]!)).toEqual(expect.arrayContaining(ids))
    const refused = raw.responses.slice(1)
    for (const response of refused) {
      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/)
      expect(JSON.parse(response.body)).toMatchObject({ success: false, data: null })
    }
    await sleep(Math.max(...refused.map(response => Number(response.headers['retry-after']))) * 1000)
    for (const _ of refused) {
      const again = await api<NotificationPage>(server.current, 'GET', `${Paths.notifications}?page=1&page_size=100`, { token })
      expect(again.status).toBe(200)
      expect(idsOf(again)).toEqual(expect.arrayContaining(ids))
    }
  })

  test('socket handshakes arriving together past what a turn may serve are all completed in later turns, none refused', async () => {
    const token = await login(server.current, 'user1')
    const clients = [await rawClient(), await rawClient(), await rawClient()]
    // Let the server accept all three before they speak, so it reads their requests in one turn.
    await sleep(50)
    clients.forEach(client => client.socket.write(upgradeRequest(token)))
    await Promise.all(clients.map(client => client.until(() => client.responses.length === 1, 'an answer to the upgrade')))

    expect(clients.map(client => client.responses[0]!.status)).toEqual([101, 101, 101])
    const socket = await connectAt(server.current, token)
    sockets.push(socket)
    expect(socket.all(MessageType.Connected)).toHaveLength(1)
  })

})
