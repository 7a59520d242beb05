// @vitest-environment node
// The stores against the real protocol server (mock-server/app.ts) on 127.0.0.1, port 0: real
// sockets, real fetch, real tokens; nothing of ours is mocked. Node rather than jsdom because the
// server's JWT library rejects jsdom's typed arrays; so the sockets come from `ws` (what jsdom
// itself uses) and localStorage is a plain in-memory Storage.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { WebSocket as NodeWebSocket } from 'ws'
import { startServer, type RunningServer } from '../../mock-server/app'
import * as notificationsApi from '../../src/api/notifications'
import { fetchStats } from '../../src/api/stats'
import { bindSession } from '../../src/plugin/context'
import { Paths } from '../../src/protocol'
import { useAuthStore } from '../../src/stores/auth'
import { useNotificationsStore } from '../../src/stores/notifications'
import { configureRealtime, resetRealtimeSettings } from '../../src/stores/realtimeSettings'
import { useTasksStore } from '../../src/stores/tasks'
import { useWebSocketStore } from '../../src/stores/websocket'
import { disposeStores } from '../stores/support'

let server: RunningServer
const tabs: Pinia[] = []

/** The Web Storage API over a Map (Node 20 has no localStorage). */
class MemoryStorage implements Storage {
  private readonly values = new Map<string, string>()
  get length() {
    return this.values.size
  }

  clear() {
    this.values.clear()
  }

  getItem(key: string) {
    return this.values.get(key) ?? null
  }

  key(index: number) {
    return [...this.values.keys()][index] ?? null
  }

  removeItem(key: string) {
    this.values.delete(key)
  }

  setItem(key: string, value: string) {
    this.values.set(key, String(value))
  }
}
globalThis.localStorage = new MemoryStorage()

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dbPath: ':memory:',
    logger: () => {},
    heartbeatIntervalSec: 1,
    maxConnectionsPerUser: 2,
  })
})

afterAll(async () => {
  await server.close()
})

beforeEach(() => {
  configureRealtime({ locks: null, connection: { WebSocket: NodeWebSocket as unknown as typeof WebSocket } })
})

afterEach(() => {
  tabs.splice(0).forEach(disposeStores)
  resetRealtimeSettings()
})

/** A fresh "tab" with its own stores. */
function openTab() {
  const pinia = createPinia()
  tabs.push(pinia)
  bindSession(pinia, { baseUrl: server.url, getToken: () => useAuthStore(pinia).token, refreshToken: () => useAuthStore(pinia).refresh(), getUserId: () => useAuthStore(pinia).username })
  setActivePinia(pinia)
  return { auth: useAuthStore(), ws: useWebSocketStore(), inbox: useNotificationsStore(), tasks: useTasksStore() }
}

async function signedInAndConnected(username = 'user1', password = 'user123') {
  const tab = openTab()
  await tab.auth.login(username, password)
  tab.ws.connect()
  await vi.waitFor(() => expect(tab.inbox.lastSyncedAt).not.toBeNull(), { timeout: 5000 })
  return tab
}

test('a notification created over REST reaches the inbox live, and reading it clears the badge on the server', async () => {
  const { ws, inbox } = await signedInAndConnected()
  expect(ws.status).toBe('open')
  expect(ws.transport).toBe('websocket')
  const created = await notificationsApi.create({ title: '风险提示', content: '600519 波动加剧', type: 'alert', link: '/stocks/600519' })
  await vi.waitFor(() => expect(inbox.items.map(n => n.id)).toContain(created.id), { timeout: 5000 })
  expect(inbox.unreadCount).toBe(await notificationsApi.unreadCount())
  await inbox.markRead(created.id)
  expect(await notificationsApi.unreadCount()).toBe(inbox.unreadCount)
})

test('an analysis reports its steps to completion and its 分析完成 notification arrives', async () => {
  const { tasks, inbox } = await signedInAndConnected()
  const taskId = await tasks.start({ symbol: '000001', step_ms: 40 })
  await vi.waitFor(() => expect(tasks.tasks.find(t => t.task_id === taskId)?.status).toBe('completed'), { timeout: 8000 })
  expect(tasks.tasks.find(t => t.task_id === taskId)).toMatchObject({ progress: 100, remainingMs: 0 })
  await vi.waitFor(() => expect(inbox.items.some(n => n.title === '分析完成' && n.content === '000001 分析已完成' && n.link === '/stocks/000001')).toBe(true), { timeout: 5000 })
})

test('what arrived while disconnected is there after reconnecting, counted once', async () => {
  const { ws, inbox } = await signedInAndConnected('user2')
  const countBefore = inbox.unreadCount
  ws.disconnect()
  const missed = await notificationsApi.create({ title: '离线消息', content: 'sent while away', type: 'system' })
  ws.connect()
  await vi.waitFor(() => expect(inbox.byId(missed.id)?.title).toBe('离线消息'), { timeout: 5000 })
  expect(inbox.unreadCount).toBe(countBefore + 1)
  expect(inbox.items.filter(n => n.id === missed.id)).toHaveLength(1)
})

test('heartbeats keep the socket open past the watchdog limit', async () => {
  const { ws } = await signedInAndConnected()
  const socket = ws.ws
  await new Promise(resolve => setTimeout(resolve, 3500)) // 2.5 heartbeat intervals is 2.5 s
  expect(ws.status).toBe('open')
  expect(ws.ws).toBe(socket)
})

test('the token can travel as a subprotocol instead of the URL', async () => {
  configureRealtime({ connection: { auth: 'subprotocol' } })
  const { ws } = await signedInAndConnected()
  expect(ws.status).toBe('open')
  expect(ws.ws?.url).not.toContain('token=')
  expect(ws.ws?.protocol).toBe('tidings.v1')
})

test('an expired token of a live session is refreshed, so the user stays signed in past the token\'s hour', async () => {
  const expired = await server.issueToken('user1', { expiresInSec: -10 })
  localStorage.setItem('auth-token', expired)
  const { ws, auth } = openTab()
  ws.connect()
  await vi.waitFor(() => expect(ws.status).toBe('open'), { timeout: 5000 })
  expect(auth.isAuthenticated).toBe(true)
  expect(auth.token).not.toBe(expired)
})

test('a token whose session was signed out ends in unauthorized without retrying', async () => {
  const token = await server.issueToken('user1', { expiresInSec: -10 })
  const renewed = (await (await fetch(`${server.url}${Paths.refresh}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()).data.access_token
  expect((await fetch(`${server.url}${Paths.logout}`, { method: 'POST', headers: { Authorization: `Bearer ${renewed}` } })).status).toBe(200)
  localStorage.setItem('auth-token', token)
  const { ws, auth } = openTab()
  ws.connect()
  await vi.waitFor(() => expect(ws.status).toBe('unauthorized'), { timeout: 5000 })
  expect(auth.isAuthenticated).toBe(false)
})

test('a connection evicted by a newer one (4409) stays closed instead of fighting back', async () => {
  const oldest = await signedInAndConnected('admin', 'admin123')
  await signedInAndConnected('admin', 'admin123')
  await signedInAndConnected('admin', 'admin123') // over the limit of 2: the oldest is replaced
  await vi.waitFor(() => expect(oldest.ws.status).toBe('replaced'), { timeout: 5000 })
  await new Promise(resolve => setTimeout(resolve, 1500))
  expect(oldest.ws.status).toBe('replaced')
  expect((await fetchStats()).users.admin).toBe(2)
})
