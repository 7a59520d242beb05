import { mount } from '@vue/test-utils'
import { HttpResponse } from 'msw'
import { CloseCode, Routes } from '../../src/protocol'
import { useAuthStore } from '../../src/stores/auth'
import { useNotificationsStore } from '../../src/stores/notifications'
import { configureRealtime } from '../../src/stores/realtimeSettings'
import { useWebSocketStore } from '../../src/stores/websocket'
import { notification, ok, on, pushNotification, seed, server, serverNotifications, socketLog, socketSettings, socketsOf, useMswServer } from '../msw'
import DocumentApp from './DocumentApp.vue'
import { fakeClock, letTimePass, nextFrame, usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

beforeEach(() => {
  configureRealtime({ connection: { backoffBase: 20, backoffCap: 100 } })
})

describe('the document\'s App.vue', () => {
  test('connects on mount when signed in, and stays closed after unmount', async () => {
    fakeClock()
    seed.signedIn('admin')
    const wrapper = mount(DocumentApp)
    const wsStore = useWebSocketStore()
    await vi.waitFor(() => expect(wsStore.connected).toBe(true))
    expect(wsStore.ws?.readyState).toBe(WebSocket.OPEN)
    wrapper.unmount()
    expect(wsStore.status).toBe('idle')
    expect(wsStore.ws).toBeNull()
    await letTimePass()
    expect(socketLog).toHaveLength(1)
    expect(socketsOf()).toHaveLength(0)
  })

  test('does not connect when nobody is signed in', async () => {
    fakeClock()
    mount(DocumentApp)
    await letTimePass()
    expect(useWebSocketStore().status).toBe('idle')
    expect(socketLog).toHaveLength(0)
  })
})

test('a new token leaves exactly one socket, so a push shows once and counts once', async () => {
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  const auth = useAuthStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  await auth.login('admin', 'admin123')
  await vi.waitFor(() => expect(socketLog).toHaveLength(2))
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  expect(socketsOf('admin')).toHaveLength(1)
  expect(socketLog[1]!.url).toContain(encodeURIComponent(auth.token!))
  pushNotification(notification({ title: 'once' }))
  await vi.waitFor(() => expect(inbox.items).toHaveLength(1))
  await nextFrame() // a second copy would land in the next arrival batch
  expect(inbox.items).toHaveLength(1)
  expect(inbox.unreadCount).toBe(1)
  expect(wsStore.status).toBe('open')
})

test('an expired token is refreshed once and the socket reopens with the new one', async () => {
  const expired = seed.signedIn('admin')
  seed.expire(expired)
  const wsStore = useWebSocketStore()
  const auth = useAuthStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  expect(auth.token).not.toBe(expired)
  expect(socketLog).toHaveLength(2)
  expect(socketLog[1]!.url).toContain(encodeURIComponent(auth.token!))
  expect(localStorage.getItem('auth-token')).toBe(auth.token)
})

test('when the refresh is refused the status becomes unauthorized and nothing retries', async () => {
  fakeClock()
  const expired = seed.signedIn('admin')
  seed.expire(expired)
  seed.refuseRefresh()
  const wsStore = useWebSocketStore()
  const auth = useAuthStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.status).toBe('unauthorized'))
  expect(auth.isAuthenticated).toBe(false)
  await letTimePass()
  expect(socketLog).toHaveLength(1)
  expect(wsStore.status).toBe('unauthorized')
})

test('logging out closes the socket for good', async () => {
  fakeClock()
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  await useAuthStore().logout()
  expect(wsStore.status).toBe('idle')
  await letTimePass()
  expect(socketLog).toHaveLength(1)
  expect(socketsOf()).toHaveLength(0)
})

test('signing in again after a logout reconnects by itself', async () => {
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  const auth = useAuthStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  await auth.logout()
  await auth.login('user1', 'user123')
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  expect(socketsOf('user1')).toHaveLength(1)
  expect(socketsOf('admin')).toHaveLength(0)
})

test('notifications stored while the socket was down appear after the reconnect, counted once', async () => {
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  pushNotification(notification({ title: 'before' }))
  await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
  socketsOf().forEach(client => client.close(CloseCode.GoingAway, 'server shutting down'))
  seed.notifications([notification({ title: 'while away' })]) // stored, pushed to nobody
  // The missed one arrives only by the reconnect's resync (waiting on `connected` could pass before the close lands).
  await vi.waitFor(() => expect(inbox.items.map(n => n.title)).toEqual(['while away', 'before']), { timeout: 10_000 })
  expect(wsStore.connected).toBe(true)
  expect(inbox.unreadCount).toBe(2)
  expect(await serverNotifications(localStorage.getItem('auth-token')!)).toHaveLength(2)
})

test('a reconnect after more missed pushes than the first page holds ends with exactly the missed ones, once each', async () => {
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  const before = pushNotification(notification({ title: 'before' }))
  await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
  socketsOf().forEach(client => client.close(CloseCode.GoingAway, 'server restarting'))
  const missed = seed.unread(30) // stored while the server was away, pushed to nobody: more than a first page of 20
  await vi.waitFor(() => expect(wsStore.connected).toBe(true), { timeout: 3000 })
  await vi.waitFor(() => expect(inbox.items).toHaveLength(31))
  await nextFrame()
  const ids = inbox.items.map(n => n.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect([...ids].sort()).toEqual([before, ...missed].map(n => n.id).sort())
  expect(inbox.unreadCount).toBe(31)
})

test('while it waits out a long backoff it asks the server\'s health each second, and is live within a second of the server\'s return', async () => {
  // Waits of a minute: only the probe can bring the socket back soon.
  configureRealtime({ connection: { backoffBase: 60_000, backoffCap: 60_000, jitter: 0 } })
  const health = { up: false, asked: 0 }
  server.use(on(Routes.health, () => {
    health.asked += 1
    return health.up ? ok(null) : new HttpResponse('bad gateway', { status: 502 })
  }))
  fakeClock()
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  socketSettings.down = true
  socketsOf().forEach(client => client.close(CloseCode.GoingAway, 'server restarting'))
  await vi.waitFor(() => expect(wsStore.status).toBe('reconnecting'))
  await vi.advanceTimersByTimeAsync(5_000)
  expect(health.asked).toBeGreaterThanOrEqual(4)
  expect(wsStore.connected).toBe(false)

  health.up = true
  socketSettings.down = false
  await vi.advanceTimersByTimeAsync(1_100)
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  expect(socketLog.length).toBeLessThanOrEqual(3) // the first socket, maybe one refused attempt, the one the probe opened
})

test('a click on "reconnect" while offline opens the socket again', async () => {
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  wsStore.connect()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  wsStore.disconnect()
  wsStore.reconnectNow()
  await vi.waitFor(() => expect(wsStore.connected).toBe(true))
  expect(wsStore.reconnectAttempts).toBe(0)
})
