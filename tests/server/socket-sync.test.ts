// v1.4 `sync`: a reconnecting client resyncs over the socket it just opened — what it missed, the first
// page and the unread count in one `synced` reply — instead of two or three REST requests. On both
// storage engines, with a real server and a real `ws` client.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '../../mock-server/app'
import { ErrorCode, MessageType, Paths, syncedSchema, type Notification, type NotificationPage, type Synced } from '../../src/protocol'
import { ENGINES } from './support/engines'
import { notificationInput } from './support/factories'
import { api, login, startTestServer, wsUrl } from './support/server'
import { closeAll, connect, type Frame, type TestSocket } from './support/socket'

const sockets: TestSocket[] = []
const running: RunningServer[] = []
afterEach(async () => {
  closeAll(sockets)
  await Promise.all(running.splice(0).map(server => server.close()))
})

async function open(server: RunningServer, username: string): Promise<TestSocket> {
  const socket = await connect(wsUrl(server, Paths.notificationsSocket, await login(server, username)))
  sockets.push(socket)
  return socket
}

/** Stores `count` notifications for the user, oldest first, as the server's publisher does. */
async function store(server: RunningServer, user: string, count: number): Promise<Notification[]> {
  const stored: Notification[] = []
  for (let index = 0; index < count; index++)
    stored.push(...await server.publish(user, notificationInput()))
  return stored
}

let requests = 0
/** Sends a `sync` and waits for the frame answering it (a `synced` or an `error` with its request id). */
async function sync(socket: TestSocket, data: Record<string, unknown>): Promise<Frame> {
  const requestId = `r${++requests}`
  socket.send({ type: MessageType.Sync, data: { request_id: requestId, ...data } })
  await socket.waitUntil(() => socket.frames.some(frame => frame.data?.request_id === requestId), `the answer to ${requestId}`)
  return socket.frames.find(frame => frame.data?.request_id === requestId)!
}

async function synced(socket: TestSocket, data: Record<string, unknown>): Promise<Synced> {
  const answer = await sync(socket, data)
  expect(answer.type).toBe(MessageType.Synced)
  return syncedSchema.parse(answer.data)
}

const idsOf = (items: Notification[]) => items.map(item => item.id)
const newestFirst = (items: Notification[]) => idsOf(items).reverse()

describe.each(ENGINES)('sync over the socket on $name', (engine) => {
  beforeAll(() => engine.start(), 60_000)
  afterAll(() => engine.stop())

  async function startServer(): Promise<RunningServer> {
    const server = await startTestServer((await engine.fresh()).serverOptions)
    running.push(server)
    return server
  }

  test('a client that sends sync with the newest id it holds gets everything missed and the unread count in one reply, and nothing twice', async () => {
    const server = await startServer()
    const held = await store(server, 'user1', 3)
    const missed = await store(server, 'user1', 25)
    const token = await login(server, 'user1')
    await api(server, 'POST', Paths.notificationRead(missed[0]!.id), { token })
    const socket = await open(server, 'user1')
    const reply = await synced(socket, { after_id: held.at(-1)!.id, page_size: 20 })
    expect(idsOf(reply.items)).toEqual(newestFirst(missed))
    expect(new Set(idsOf(reply.items)).size).toBe(reply.items.length)
    expect(reply.unread_count).toBe(27)
    expect(reply.total).toBe(28)
    // The same items, byte for byte, as the REST list the app used to read.
    const rest = await api<NotificationPage>(server, 'GET', `${Paths.notifications}?after_id=${held.at(-1)!.id}&page_size=100`, { token })
    expect(JSON.stringify(reply.items)).toBe(JSON.stringify(rest.body.data!.items))
  })

  test('fewer missed than a page come with the first page, merged newest first, each once', async () => {
    const server = await startServer()
    const held = await store(server, 'user1', 10)
    const missed = await store(server, 'user1', 3)
    const socket = await open(server, 'user1')
    const reply = await synced(socket, { after_id: held.at(-1)!.id, page_size: 5 })
    // The three missed and the two held ones the first page of five also lists: each once.
    expect(idsOf(reply.items)).toEqual(newestFirst([...held, ...missed]).slice(0, 5))
    expect(reply).toMatchObject({ total: 13, unread_count: 13 })
  })

  test('a sync without after_id answers the first page, its total and the unread count', async () => {
    const server = await startServer()
    const stored = await store(server, 'user1', 7)
    const socket = await open(server, 'user1')
    const reply = await synced(socket, { page_size: 4 })
    expect(idsOf(reply.items)).toEqual(newestFirst(stored).slice(0, 4))
    expect(reply).toMatchObject({ total: 7, unread_count: 7 })
  })

  test('a sync for another user\'s ids never returns them', async () => {
    const server = await startServer()
    const theirs = await store(server, 'user2', 3)
    const mine = await store(server, 'user1', 2)
    const socket = await open(server, 'user1')
    for (const afterId of ['0', theirs[0]!.id, theirs.at(-1)!.id]) {
      const reply = await synced(socket, { after_id: afterId, page_size: 20 })
      expect(idsOf(reply.items)).toEqual(newestFirst(mine))
      expect(idsOf(reply.items).some(id => idsOf(theirs).includes(id))).toBe(false)
      expect(reply.unread_count).toBe(2)
    }
  })
})

describe('a sync the server cannot use', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  test.each([
    ['after_id is not a string', { after_id: 5 }],
    ['after_id is not an id', { after_id: 'abc' }],
    ['after_id is negative', { after_id: '-1' }],
    ['page_size is over the limit', { page_size: 101 }],
    ['page_size is not a whole number', { page_size: 2.5 }],
  ])('is answered with an error naming its request when %s, and the socket stays open', async (_what, data) => {
    const socket = await open(server, 'user1')
    const answer = await sync(socket, data)
    expect(answer.type).toBe(MessageType.Error)
    expect(answer.data.code).toBe(ErrorCode.InvalidMessage)
    socket.send({ type: MessageType.Ping })
    await socket.next(MessageType.Pong)
    expect(socket.isOpen).toBe(true)
  })

  test('a sync without a usable request id gets an error without one, and the socket stays open', async () => {
    const socket = await open(server, 'user1')
    socket.send({ type: MessageType.Sync, data: { request_id: 'x'.repeat(65) } })
    const error = await socket.next(MessageType.Error)
    expect(error.data).toMatchObject({ code: ErrorCode.InvalidMessage })
    expect(error.data.request_id).toBeUndefined()
    socket.send({ type: MessageType.Ping })
    await socket.next(MessageType.Pong)
  })
})

describe('a sync when the storage fails', () => {
  let folder = ''
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'tidings-sync-'))
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  test('is answered with an unavailable error naming its request (the client resyncs by REST), and the server lives on', async () => {
    const dbPath = join(folder, 'broken.db')
    const server = await startTestServer({ dbPath })
    running.push(server)
    const socket = await open(server, 'user1')
    // Another process breaks the database under the server: its reads now fail.
    const other = new Database(dbPath)
    other.exec('ALTER TABLE notifications RENAME TO notifications_gone')
    other.close()
    const answer = await sync(socket, { after_id: '0' })
    expect(answer.type).toBe(MessageType.Error)
    expect(answer.data.code).toBe(ErrorCode.Unavailable)
    socket.send({ type: MessageType.Ping })
    await socket.next(MessageType.Pong)
    expect((await fetch(`${server.url}${Paths.stats}`)).status).toBe(200)
  })
})
