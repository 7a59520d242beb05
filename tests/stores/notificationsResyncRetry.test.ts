// The store's resync when the server turns it away while overloaded (msw harness): the user sees the
// error meanwhile, and then every notification stored while away, once.
import { Routes } from '../../src/protocol'
import { useNotificationsStore } from '../../src/stores/notifications'
import { useWebSocketStore } from '../../src/stores/websocket'
import { fail, on, seed, server, socketSettings, useMswServer } from '../msw'
import { usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

/**
 * The list route refuses its first call with a 503 and holds its second (the retry) until `release()`:
 * the error stays on screen for as long as the test looks at it, however slow the machine or short
 * the retry's jittered pause (it may be 0 ms). `retried` resolves when the retry arrives.
 */
function overloadedOnceThenHeld() {
  let calls = 0
  let arrived!: () => void
  const retried = new Promise<void>((resolve) => { arrived = resolve })
  let release!: () => void
  const released = new Promise<void>((resolve) => { release = resolve })
  server.use(on(Routes.listNotifications, async () => {
    calls += 1
    if (calls === 1)
      return fail(503, 'server overloaded')
    if (calls === 2) {
      arrived()
      await released
    }
    return undefined // on to the server's own handler
  }))
  return { retried, release }
}

test('a resync refused with 503 shows the error, is retried, and then holds every missed notification once', async () => {
  seed.signedIn('admin')
  const inbox = useNotificationsStore()
  useWebSocketStore().connect()
  await vi.waitFor(() => expect(inbox.lastSyncedAt).not.toBeNull(), { timeout: 10_000 })
  const missed = seed.unread(3).map(n => n.id) // stored while the push did not reach us
  socketSettings.sync = 'error' // the REST resync: the socket's sync is turned away
  const listRoute = overloadedOnceThenHeld()
  const syncing = inbox.sync()
  // Waits on events, not on a poll: the retry arrives (and is held), or the sync ends without one.
  const first = await Promise.race([listRoute.retried.then(() => 'retried'), syncing.then(() => 'gave up')])
  expect(first).toBe('retried')
  expect(inbox.error).toBe('server overloaded')
  expect(inbox.items.filter(n => missed.includes(n.id))).toEqual([])
  listRoute.release()
  await syncing
  const ids = inbox.items.map(n => n.id)
  expect(ids.filter(id => missed.includes(id)).sort()).toEqual([...missed].sort())
  expect(new Set(ids).size).toBe(ids.length)
  expect(inbox.error).toBeNull()
})
