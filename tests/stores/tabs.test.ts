// Several tabs of one browser: two Pinia instances in one process, sharing a lock manager and
// (Node's real) BroadcastChannel, as two tabs share navigator.locks and their channels.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { MessageType } from '../../src/protocol'
import { useNotificationsStore } from '../../src/stores/notifications'
import { configureRealtime } from '../../src/stores/realtimeSettings'
import { useWebSocketStore } from '../../src/stores/websocket'
import { notification, notificationSocket, pushNotification, pushResync, seed, server, socketLog, socketsOf, useMswServer } from '../msw'
import { createLockManager } from '../realtime/webLocks'
import { bindAppSession, disposeStores, usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

const tabs: Pinia[] = []

/** Opens a "tab": its own Pinia and stores, connected as App.vue would. */
function openTab() {
  const pinia = createPinia()
  tabs.push(pinia)
  bindAppSession(pinia)
  setActivePinia(pinia)
  const ws = useWebSocketStore()
  const inbox = useNotificationsStore()
  ws.connect()
  return { pinia, ws, inbox }
}

beforeEach(() => {
  seed.signedIn('admin')
  configureRealtime({ locks: createLockManager() })
})

afterEach(() => {
  tabs.splice(0).forEach(disposeStores)
})

test('two tabs share one socket: the leader holds it, the follower mirrors its status', async () => {
  const first = openTab()
  await vi.waitFor(() => expect(first.ws.status).toBe('open'))
  const second = openTab()
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  expect(first.ws.isLeader).toBe(true)
  expect(second.ws.isLeader).toBe(false)
  expect(second.ws.ws).toBeNull()
  expect(socketsOf()).toHaveLength(1)
  expect(socketLog).toHaveLength(1)
})

test('a push reaches every tab once through the leader', async () => {
  const first = openTab()
  const second = openTab()
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  const arrivals: string[] = []
  second.inbox.onArrival(n => arrivals.push(n.id))
  const pushed = pushNotification(notification())
  await vi.waitFor(() => expect(second.inbox.items.map(n => n.id)).toEqual([pushed.id]))
  expect(first.inbox.items.map(n => n.id)).toEqual([pushed.id])
  expect(second.inbox.unreadCount).toBe(1)
  expect(first.inbox.unreadCount).toBe(1)
  expect(arrivals).toEqual([pushed.id])
})

test('a resync from the server reaches the follower tab too, and every tab fetches what was missed', async () => {
  const first = openTab()
  const second = openTab()
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  await vi.waitFor(() => expect(second.inbox.lastSyncedAt).not.toBeNull())
  await vi.waitFor(() => expect(first.inbox.lastSyncedAt).not.toBeNull())
  const [missed] = seed.notifications([notification({ title: 'missed' })]) // stored, pushed to nobody

  pushResync()

  await vi.waitFor(() => expect(second.inbox.items.map(n => n.id)).toEqual([missed!.id]))
  await vi.waitFor(() => expect(first.inbox.items.map(n => n.id)).toEqual([missed!.id]))
  expect(second.inbox.unreadCount).toBe(1)
  expect(first.inbox.unreadCount).toBe(1)
  expect(second.ws.isLeader).toBe(false)
})

test('reading in one tab marks it read in the others', async () => {
  const [item] = seed.unread(2)
  const first = openTab()
  const second = openTab()
  await vi.waitFor(() => expect(second.inbox.unreadCount).toBe(2))
  await vi.waitFor(() => expect(first.inbox.unreadCount).toBe(2))
  await second.inbox.markRead(item!.id)
  await vi.waitFor(() => expect(first.inbox.byId(item!.id)?.status).toBe('read'))
  expect(first.inbox.unreadCount).toBe(1)
  expect(second.inbox.unreadCount).toBe(1)
})

test('when the leader tab closes, another tab takes over the socket', async () => {
  const first = openTab()
  const second = openTab()
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  disposeStores(first.pinia) // the tab is closed
  await vi.waitFor(() => expect(second.ws.isLeader).toBe(true), { timeout: 10_000 })
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  expect(socketsOf()).toHaveLength(1)
  const pushed = pushNotification(notification())
  await vi.waitFor(() => expect(second.inbox.items.map(n => n.id)).toEqual([pushed.id]))
})

test('a message sent from a follower goes out on the leader\'s socket', async () => {
  const received: string[] = []
  server.use(notificationSocket.addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => {
      if (JSON.parse(String(event.data)).type === MessageType.Ping) // not the leader's own sync
        received.push(String(event.data))
    })
  }))
  openTab()
  const second = openTab()
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  second.ws.send({ type: MessageType.Ping, data: { from: 'follower' } })
  await vi.waitFor(() => expect(received).toHaveLength(1))
  expect(JSON.parse(received[0]!)).toMatchObject({ data: { from: 'follower' } })
})

test('without Web Locks every tab connects on its own', async () => {
  configureRealtime({ locks: null })
  const first = openTab()
  const second = openTab()
  await vi.waitFor(() => expect(first.ws.status).toBe('open'))
  await vi.waitFor(() => expect(second.ws.status).toBe('open'))
  expect(first.ws.isLeader && second.ws.isLeader).toBe(true)
  expect(socketsOf()).toHaveLength(2)
})
