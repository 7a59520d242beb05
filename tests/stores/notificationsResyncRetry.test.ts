// The store's resync when the server turns it away while overloaded (msw harness): the user sees the
// error meanwhile, and then every notification stored while away, once.
import { Routes } from '../../src/protocol'
import { useNotificationsStore } from '../../src/stores/notifications'
import { useWebSocketStore } from '../../src/stores/websocket'
import { fail, on, seed, server, useMswServer } from '../msw'
import { usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

test('a resync refused with 503 shows the error, is retried, and then holds every missed notification once', async () => {
  seed.signedIn('admin')
  const inbox = useNotificationsStore()
  useWebSocketStore().connect()
  await vi.waitFor(() => expect(inbox.lastSyncedAt).not.toBeNull())
  const missed = seed.unread(3).map(n => n.id) // stored while the push did not reach us
  server.use(on(Routes.listNotifications, () => fail(503, 'server overloaded'), { once: true }))
  let shownError: string | null = null
  const syncing = inbox.sync()
  await vi.waitFor(() => {
    shownError ??= inbox.error
    expect(shownError).toBe('server overloaded')
  })
  await syncing
  const ids = inbox.items.map(n => n.id)
  expect(ids.filter(id => missed.includes(id)).sort()).toEqual([...missed].sort())
  expect(new Set(ids).size).toBe(ids.length)
  expect(inbox.error).toBeNull()
})
