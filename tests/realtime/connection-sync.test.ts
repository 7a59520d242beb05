// v1.4: the connection's one request/reply, `sync` → `synced`, against msw's ws link (which answers with
// the server's own reply), on fake timers: an answer settles its request only, and a request without an
// answer ends — by its error, the socket's close, or the timeout — so the resync can read by REST.
import { ErrorCode, MessageType, errorMessage, encodeMessage, type NotificationChannelMessage, type Synced } from '../../src/protocol'
import { createConnection, SyncFailed, type ConnectionOptions, type RealtimeConnection } from '../../src/realtime'
import { notificationSocket, seed, server, socketSettings, socketsOf, useMswServer } from '../msw'

useMswServer()

let connection: RealtimeConnection<NotificationChannelMessage> | null = null

function open(options: ConnectionOptions = {}) {
  const token = seed.signedIn('admin')
  const messages: NotificationChannelMessage[] = []
  connection = createConnection({ getToken: () => token, random: () => 0, ...options })
  connection.on('message', m => messages.push(m))
  connection.connect()
  return { connection, messages }
}

/** Lets msw deliver what it queued (its events ride on zero-delay timers). */
const settle = () => vi.advanceTimersByTimeAsync(0)

/** The request's outcome so far, read without awaiting it. */
function outcomeOf(request: Promise<Synced>) {
  const outcome: { reply?: Synced, error?: unknown } = {}
  request.then(reply => (outcome.reply = reply), error => (outcome.error = error))
  return outcome
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  connection?.dispose()
  connection = null
  vi.useRealTimers()
})

test('a sync resolves with the synced frame carrying its request id, which listeners never see', async () => {
  seed.unread(3)
  const { connection, messages } = open()
  await settle()
  expect(connection.canSync).toBe(true)
  const outcome = outcomeOf(connection.sync({ after_id: null, page_size: 2 }))
  await settle()
  expect(outcome.reply).toMatchObject({ total: 3, unread_count: 3 })
  expect(outcome.reply!.items).toHaveLength(2)
  expect(messages.map(m => m.type)).not.toContain(MessageType.Synced)
})

test('a sync whose answer does not come is rejected after syncTimeout, not before', async () => {
  socketSettings.sync = 'silent'
  const { connection } = open({ syncTimeout: 10_000, heartbeatInterval: 60_000 })
  await settle()
  const outcome = outcomeOf(connection.sync({ after_id: null }))
  await vi.advanceTimersByTimeAsync(9_999)
  expect(outcome).toEqual({})
  await vi.advanceTimersByTimeAsync(1)
  expect(outcome.error).toBeInstanceOf(SyncFailed)
})

test('a sync the server answers with an error naming it is rejected at once', async () => {
  socketSettings.sync = 'error'
  const { connection, messages } = open()
  await settle()
  const outcome = outcomeOf(connection.sync({ after_id: '5' }))
  await settle()
  expect(outcome.error).toBeInstanceOf(SyncFailed)
  expect(messages.map(m => m.type)).not.toContain(MessageType.Error)
})

test('a sync a busy server turns away is rejected with its wait, as a REST 503 with Retry-After would be', async () => {
  socketSettings.sync = 'busy'
  const { connection } = open()
  await settle()
  const outcome = outcomeOf(connection.sync({ after_id: '5' }))
  await settle()
  expect(outcome.error).toMatchObject({ status: 503, retryAfterSec: 1 })
})

test('a sync in flight is rejected when its socket closes', async () => {
  socketSettings.sync = 'silent'
  const { connection } = open()
  await settle()
  const outcome = outcomeOf(connection.sync({ after_id: null }))
  socketsOf().forEach(client => client.close(1001, 'server restarting'))
  await settle()
  expect(outcome.error).toBeInstanceOf(SyncFailed)
})

test('before the socket is open there is no sync: it is rejected at once', async () => {
  const { connection } = open()
  expect(connection.canSync).toBe(false)
  const outcome = outcomeOf(connection.sync({ after_id: null }))
  await Promise.resolve()
  expect(outcome.error).toBeInstanceOf(SyncFailed)
})

test('a server older than sync (an unknown_type error) ends the request at once and is not asked again on that socket', async () => {
  socketSettings.sync = 'silent'
  server.use(notificationSocket.addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => {
      if (JSON.parse(String(event.data)).type === MessageType.Sync)
        client.send(encodeMessage(errorMessage(ErrorCode.UnknownType, 'unknown message type: sync')))
    })
  }))
  const { connection } = open()
  await settle()
  const outcome = outcomeOf(connection.sync({ after_id: null }))
  await settle()
  expect(outcome.error).toBeInstanceOf(SyncFailed)
  expect(connection.canSync).toBe(false)
})
