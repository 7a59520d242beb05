// v1.4: the store resyncs over its open socket (one `sync`, answered by the server's own reply in the
// msw harness) and reads by REST only when that answer does not come.
import { CloseCode, MessageType, Routes } from '../../src/protocol'
import { configureRealtime } from '../../src/stores/realtimeSettings'
import { notification, notificationSocket, on, pushNotification, seed, server, socketSettings, socketsOf, useMswServer } from '../msw'
import { nextFrame, openApp, usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

/** REST resync requests the app made (the list and the unread count), counted as they reach msw. */
let restReads = 0
beforeEach(() => {
  restReads = 0
  configureRealtime({ connection: { backoffBase: 20, backoffCap: 100 } })
  server.use(
    on(Routes.listNotifications, () => {
      restReads++
      return undefined // on to the server's own handler
    }),
    on(Routes.unreadCount, () => {
      restReads++
      return undefined
    }),
  )
})

/** The server restarts: every socket closes, and `whileAway` is stored with nobody to push it to. */
async function restartWhile(whileAway: () => void): Promise<void> {
  socketsOf().forEach(client => client.close(CloseCode.GoingAway, 'server restarting'))
  whileAway()
}

test('a reconnect after missed pushes brings the inbox and the badge right with no REST list or unread-count request', async () => {
  const { wsStore, inbox } = await openApp()
  const before = pushNotification(notification({ title: 'before' }))
  await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
  let missed: string[] = []
  await restartWhile(() => {
    missed = seed.unread(30).map(n => n.id) // more than a first page
  })
  await vi.waitFor(() => expect(inbox.items).toHaveLength(31), { timeout: 10_000 })
  await nextFrame()
  const ids = inbox.items.map(n => n.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect([...ids].sort()).toEqual([before.id, ...missed].sort())
  expect(inbox.unreadCount).toBe(31)
  expect(wsStore.connected).toBe(true)
  expect(restReads).toBe(0)
})

test('a push that lands while the socket\'s sync is in flight shows once and is counted once', async () => {
  const { inbox } = await openApp()
  let pushedDuringSync = ''
  // Before the server reads the inbox for the sync, a notification is stored and pushed.
  server.use(notificationSocket.addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => {
      if (!pushedDuringSync && JSON.parse(String(event.data)).type === MessageType.Sync)
        pushedDuringSync = pushNotification(notification()).id
    })
  }))
  await restartWhile(() => {})
  await vi.waitFor(() => expect(pushedDuringSync).not.toBe(''), { timeout: 10_000 })
  await vi.waitFor(() => expect(inbox.items.map(n => n.id)).toEqual([pushedDuringSync]))
  await inbox.sync()
  await nextFrame()
  expect(inbox.items.map(n => n.id)).toEqual([pushedDuringSync])
  expect(inbox.unreadCount).toBe(1)
  expect(restReads).toBe(0)
})

test('a sync the server turns away is done by REST at once, and the inbox ends right', async () => {
  socketSettings.sync = 'error'
  const { inbox } = await openApp()
  const [held] = seed.unread(1)
  await inbox.sync()
  expect(inbox.items.map(n => n.id)).toEqual([held!.id])
  expect(inbox.unreadCount).toBe(1)
  expect(restReads).toBeGreaterThan(0)
  expect(inbox.error).toBeNull()
})

test('a sync whose answer never comes is done by REST after the sync timeout, and the inbox ends right', async () => {
  configureRealtime({ connection: { syncTimeout: 200 } })
  socketSettings.sync = 'silent'
  const { inbox } = await openApp()
  const missed = seed.unread(3).map(n => n.id)
  await inbox.sync()
  expect(inbox.items.map(n => n.id).sort()).toEqual([...missed].sort())
  expect(inbox.unreadCount).toBe(3)
  expect(restReads).toBeGreaterThan(0)
})
