// When the WebSocket cannot open but REST works, the stores are fed by the SSE stream instead,
// without noticing; later the connection tries WebSocket again.
import { EventSource } from 'eventsource'
import { http } from 'msw'
import { CloseCode, Paths, type Notification } from '../../src/protocol'
import { useNotificationsStore } from '../../src/stores/notifications'
import { configureRealtime } from '../../src/stores/realtimeSettings'
import { useWebSocketStore } from '../../src/stores/websocket'
import { endStreams, fail, notification, notificationFrame, pushFrame, pushNotification, pushResync, seed, server, socketLog, socketSettings, streamHandler, streamSubscribers, useMswServer } from '../msw'
import { fakeClock, letTimePass, usePiniaPerTest } from '../stores/support'

useMswServer()
usePiniaPerTest()

const globals = globalThis as { EventSource?: unknown }

beforeAll(() => {
  globals.EventSource = EventSource // jsdom has none; the package speaks the same API over fetch
})

afterAll(() => {
  delete globals.EventSource
})

beforeEach(() => {
  server.use(streamHandler())
  seed.signedIn('admin')
  socketSettings.down = true
  configureRealtime({ connection: { backoffBase: 10, backoffCap: 20, sseAfterFailures: 3, sseRetryWebSocketAfter: 60_000 } })
})

test('after three failed WebSocket opens, notifications arrive over SSE and the inbox cannot tell', async () => {
  seed.unread(2)
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.status).toBe('open'))
  expect(wsStore.transport).toBe('sse')
  expect(socketLog).toHaveLength(3)
  await vi.waitFor(() => expect(inbox.unreadCount).toBe(2))
  const pushed = pushNotification(notification({ title: 'via SSE' }))
  await vi.waitFor(() => expect(inbox.items[0]?.id).toBe(pushed.id))
  expect(inbox.unreadCount).toBe(3)
})

test('a notification on the stream is read by its event name, even one whose payload has a data field', async () => {
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.transport).toBe('sse'))
  const [stored] = seed.notifications([notification({ title: 'with a data field' })])
  pushFrame(notificationFrame({ ...stored!, data: { source: 'import' } } as Notification), 'admin', stored!.id)
  await vi.waitFor(() => expect(inbox.items.map(n => n.title)).toEqual(['with a data field']))
  expect(wsStore.droppedFrames).toBe(0)
})

test('a resync event on the stream makes the inbox fetch what was never pushed to it', async () => {
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.transport).toBe('sse'))
  await vi.waitFor(() => expect(inbox.lastSyncedAt).not.toBeNull())
  const [missed] = seed.notifications([notification({ title: 'missed' })]) // stored, pushed to nobody

  pushResync()

  await vi.waitFor(() => expect(inbox.items.map(n => n.id)).toEqual([missed!.id]))
  expect(inbox.unreadCount).toBe(1)
  expect(wsStore.transport).toBe('sse')
})

test('when REST fails too, it keeps trying WebSocket instead of opening a stream', async () => {
  server.use(http.get(`*${Paths.unreadCount}`, () => fail(502, 'bad gateway')))
  configureRealtime({ connection: { maxReconnectAttempts: 3 } })
  const wsStore = useWebSocketStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.status).toBe('offline'))
  expect(streamSubscribers()).toBe(0)
  expect(wsStore.transport).toBeNull()
})

test('goes back to WebSocket once it works again', async () => {
  configureRealtime({ connection: { sseRetryWebSocketAfter: 200 } })
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.transport).toBe('sse'))
  socketSettings.down = false
  await vi.waitFor(() => expect(wsStore.transport).toBe('websocket'), { timeout: 3000 })
  expect(wsStore.status).toBe('open')
  await vi.waitFor(() => expect(streamSubscribers()).toBe(0))
  const pushed = pushNotification(notification())
  await vi.waitFor(() => expect(inbox.items.map(n => n.id)).toContain(pushed.id))
})

test('a stream the server ends as replaced by a newer connection (4409) stops instead of reconnecting', async () => {
  fakeClock()
  const wsStore = useWebSocketStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.transport).toBe('sse'))
  const attempts = socketLog.length
  endStreams(CloseCode.Replaced)
  await vi.waitFor(() => expect(wsStore.status).toBe('replaced'))
  // Past every backoff and the minute after which SSE tries WebSocket again: nothing reopens.
  await letTimePass()
  expect(wsStore.status).toBe('replaced')
  expect(streamSubscribers()).toBe(0)
  expect(socketLog).toHaveLength(attempts)
})
