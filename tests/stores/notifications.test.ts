import { http, HttpResponse } from 'msw'
import { storeToRefs } from 'pinia'
import { nextTick, watch } from 'vue'
import { MessageType, Paths, Routes } from '../../src/protocol'
import { configureRealtime } from '../../src/stores/realtimeSettings'
import {
  fail,
  notification,
  notifications,
  ok,
  on,
  pushNotification,
  pushRead,
  seed,
  server,
  serverNotifications,
  socketSettings,
  socketsOf,
  useMswServer,
} from '../msw'
import { nextFrame, openApp, usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

const refuse = (method: 'post' | 'delete', path: string) =>
  server.use(http[method](`*${path}`, () => fail(500, 'database is locked')))

describe('counting', () => {
  test('the badge shows the server\'s exact unread count, not just the first page', async () => {
    seed.unread(30)
    const { inbox } = await openApp()
    expect(inbox.items).toHaveLength(20)
    expect(inbox.unreadCount).toBe(30)
  })

  test('a notification that arrived by push and again by the resync shows once and counts once', async () => {
    const { wsStore, inbox } = await openApp()
    const pushed = pushNotification(notification())
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
    await inbox.sync()
    expect(inbox.items.map(n => n.id)).toEqual([pushed.id])
    expect(inbox.unreadCount).toBe(1)
    expect(wsStore.connected).toBe(true)
  })

  test('a push that lands while a resync is in flight is counted once', async () => {
    const { inbox } = await openApp()
    socketSettings.sync = 'error' // the REST resync: the socket's sync is turned away
    let pushedDuringSync = ''
    server.use(on(Routes.unreadCount, async () => {
      pushedDuringSync = pushNotification(notification()).id // stored, then pushed, before the count is read
      await new Promise(resolve => setTimeout(resolve, 20))
      return undefined // fall through to the default handler, which counts it
    }, { once: true }))
    await inbox.sync()
    await nextFrame()
    expect(inbox.items.map(n => n.id)).toEqual([pushedDuringSync])
    expect(inbox.unreadCount).toBe(1)
  })

  test('a resync asked for while a sync is under way runs again after it, so what was stored in between shows', async () => {
    const { inbox } = await openApp()
    socketSettings.sync = 'error' // the REST resync: the socket's sync is turned away
    let listed = false
    let release!: () => void
    const answered = new Promise<void>(resolve => (release = resolve))
    server.use(http.get(`*${Paths.notifications}`, async () => {
      listed = true
      await answered
      return ok({ items: [], total: 0, page: 1, page_size: 20 }) // what the server held when this sync read it
    }, { once: true }))
    const running = inbox.sync()
    await vi.waitFor(() => expect(listed).toBe(true))
    const [missed] = seed.notifications([notification({ title: 'stored meanwhile' })])

    const again = inbox.sync()
    release()
    await Promise.all([running, again])

    expect(inbox.items.map(n => n.id)).toEqual([missed!.id])
    expect(inbox.unreadCount).toBe(1)
  })

  test('keeps a bounded number in memory while the badge stays exact', async () => {
    configureRealtime({ inboxLimit: 5 })
    const { inbox } = await openApp()
    const pushed = notifications(8).map(n => pushNotification(n))
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(8))
    expect(inbox.items.map(n => n.id)).toEqual(pushed.slice(-5).reverse().map(n => n.id))
  })

  test('when pushes take the inbox past the server\'s 1000 and its oldest unread ones go, the badge follows the server', async () => {
    seed.unread(500) // the oldest: the first the server drops
    seed.notifications(Array.from({ length: 500 }, () => notification({ status: 'read' })))
    const { inbox } = await openApp()
    expect(inbox.unreadCount).toBe(500)
    notifications(30).forEach(n => pushNotification(n)) // 30 unread in, 30 unread out
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(530))
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(500), { timeout: 3000 })
  })
})

describe('optimistic actions', () => {
  test('marking one read lowers the badge at once', async () => {
    const [first] = seed.unread(3)
    const { inbox } = await openApp()
    const request = inbox.markRead(first!.id)
    expect(inbox.unreadCount).toBe(2)
    expect(inbox.byId(first!.id)?.status).toBe('read')
    await request
    expect(inbox.unreadCount).toBe(2)
    expect((await serverNotifications(localStorage.getItem('auth-token')!)).find(n => n.id === first!.id)?.status).toBe('read')
  })

  test('a refused mark-read puts the item and the badge back and reports the server\'s message', async () => {
    const [first] = seed.unread(3)
    const { inbox } = await openApp()
    refuse('post', Paths.notificationRead(first!.id))
    await expect(inbox.markRead(first!.id)).rejects.toMatchObject({ status: 500, message: 'database is locked' })
    expect(inbox.unreadCount).toBe(3)
    expect(inbox.byId(first!.id)?.status).toBe('unread')
  })

  test('mark all read empties the badge, and a refusal restores every item', async () => {
    seed.unread(4)
    const { inbox } = await openApp()
    refuse('post', Paths.readAll)
    const request = inbox.markAllRead()
    expect(inbox.unreadCount).toBe(0)
    expect(inbox.unreadItems).toHaveLength(0)
    await expect(request).rejects.toMatchObject({ status: 500 })
    expect(inbox.unreadCount).toBe(4)
    expect(inbox.unreadItems).toHaveLength(4)
  })

  test('mark all read succeeds on the server too', async () => {
    seed.unread(4)
    const { inbox } = await openApp()
    await inbox.markAllRead()
    expect(inbox.unreadCount).toBe(0)
    expect((await serverNotifications(localStorage.getItem('auth-token')!)).map(n => n.status)).toEqual(['read', 'read', 'read', 'read'])
  })

  test('deleting an unread item removes it and lowers the badge; a refusal brings it back', async () => {
    const [first, second] = seed.unread(2)
    const { inbox } = await openApp()
    await inbox.remove(first!.id)
    expect(inbox.byId(first!.id)).toBeUndefined()
    expect(inbox.unreadCount).toBe(1)
    refuse('delete', Paths.notification(second!.id))
    await expect(inbox.remove(second!.id)).rejects.toMatchObject({ status: 500 })
    expect(inbox.byId(second!.id)?.status).toBe('unread')
    expect(inbox.unreadCount).toBe(1)
  })

  test('a push that arrives during a failed mark-read is still counted after the rollback', async () => {
    const [first] = seed.unread(1)
    const { inbox } = await openApp()
    server.use(http.post(`*${Paths.notificationRead(first!.id)}`, async () => {
      pushNotification(notification())
      await new Promise(resolve => setTimeout(resolve, 40))
      return fail(503, 'try again later')
    }))
    await expect(inbox.markRead(first!.id)).rejects.toMatchObject({ status: 503 })
    await vi.waitFor(() => expect(inbox.items).toHaveLength(2))
    expect(inbox.unreadCount).toBe(2)
  })
})

describe('read state changed elsewhere', () => {
  test('notification_read from another device marks those items read', async () => {
    const [first, second] = seed.unread(3)
    const { inbox } = await openApp()
    pushRead([first!.id, second!.id])
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
    expect(inbox.byId(first!.id)?.status).toBe('read')
  })

  test('notification_read {all: true} clears the badge', async () => {
    seed.unread(3)
    const { inbox } = await openApp()
    pushRead('all')
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(0))
    expect(inbox.unreadItems).toHaveLength(0)
  })

  test('a read push for an item not held in memory asks the server for the count', async () => {
    const old = seed.unread(25) // only the newest 20 are fetched
    const { inbox } = await openApp()
    seed.readWithoutPush([old[0]!.id])
    pushRead([old[0]!.id])
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(24))
  })
})

describe('arrivals', () => {
  test('a burst of arrivals is applied in one reactive update on the next frame', async () => {
    const { inbox } = await openApp()
    let updates = 0
    const stop = watch(() => inbox.items, () => updates++, { flush: 'sync' })
    for (const item of notifications(200))
      inbox.addNotification(item)
    expect(inbox.items).toHaveLength(0)
    await nextFrame()
    expect(inbox.items).toHaveLength(200)
    expect(inbox.unreadCount).toBe(200)
    expect(updates).toBe(1)
    stop()
  })

  test('devtools and $subscribe see the inbox itself, changed once per burst', async () => {
    const { inbox } = await openApp()
    const changes: number[] = []
    inbox.$subscribe((_mutation, state) => changes.push(state.items.length))
    for (const item of notifications(50))
      inbox.addNotification(item)
    await nextFrame()
    await nextTick()
    expect(changes).toEqual([50])
    expect(inbox.$state.unreadCount).toBe(50)
    expect(storeToRefs(inbox).items.value).toHaveLength(50)
  })

  test('the arrival hook fires once per new live notification, not for repeats or synced ones', async () => {
    const [synced] = seed.unread(1)
    const { inbox } = await openApp()
    const arrived: string[] = []
    inbox.onArrival(n => arrived.push(n.title))
    const live = notification({ title: 'live' })
    inbox.addNotification(live)
    inbox.addNotification(live)
    inbox.addNotification(synced!)
    await nextFrame()
    inbox.addNotification(live)
    await nextFrame()
    expect(arrived).toEqual(['live'])
  })

  test('a page of the inbox stays in sync with read state everywhere', async () => {
    seed.unread(5)
    const { inbox } = await openApp()
    const page = await inbox.fetchPage({ status: 'unread', page: 2, page_size: 2 })
    expect(page.total).toBe(5)
    expect(page.ids).toHaveLength(2)
    await inbox.markRead(page.ids[0]!)
    expect(page.ids.map(id => inbox.byId(id)?.status)).toEqual(['read', 'unread'])
  })

  test('a page showing an item read elsewhere (its push was missed) corrects the badge', async () => {
    const [first] = seed.unread(3)
    const { inbox } = await openApp()
    seed.readWithoutPush([first!.id])
    await inbox.fetchPage({ page: 1, page_size: 20 })
    expect(inbox.byId(first!.id)?.status).toBe('read')
    expect(inbox.unreadCount).toBe(2)
  })

  test('frames of the wrong shape never reach the inbox', async () => {
    const { wsStore, inbox } = await openApp()
    socketsOf()[0]!.send(JSON.stringify({ type: MessageType.Notification, data: { id: 'x', title: 1 } }))
    pushNotification(notification({ title: 'valid' }))
    await vi.waitFor(() => expect(inbox.items.map(n => n.title)).toEqual(['valid']))
    expect(wsStore.droppedFrames).toBe(1)
  })
})

describe('triage made elsewhere', () => {
  /** Another device acting on the user's notifications through the server. */
  async function elsewhere(token: string, method: string, path: string, body?: unknown) {
    const response = await fetch(new URL(path, location.origin), {
      method,
      headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    expect(response.ok).toBe(true)
  }

  test('done on another device takes the item out of the inbox and the badge, once', async () => {
    const [first, second] = seed.unread(2)
    const { inbox } = await openApp()
    const token = localStorage.getItem('auth-token')!
    await elsewhere(token, 'POST', Paths.archive(first!.id))
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
    expect(inbox.inboxItems.map(n => n.id)).toEqual([second!.id])
    await inbox.sync() // the push and the resync agree
    expect(inbox.unreadCount).toBe(1)
  })

  test('a bulk delete on another device drops the items here', async () => {
    const stored = seed.unread(3)
    const { inbox } = await openApp()
    const token = localStorage.getItem('auth-token')!
    await elsewhere(token, 'POST', Paths.bulk, { ids: stored.slice(0, 2).map(n => n.id), action: 'delete' })
    await vi.waitFor(() => expect(inbox.items.map(n => n.id)).toEqual([stored[2]!.id]))
    expect(inbox.unreadCount).toBe(1)
  })

  test('a snooze that ends comes back unread and counted, announced like an arrival', async () => {
    const [item] = seed.notifications([notification({ status: 'read' })])
    const { inbox } = await openApp()
    const token = localStorage.getItem('auth-token')!
    const arrived: string[] = []
    inbox.onArrival(n => arrived.push(n.id))
    await elsewhere(token, 'POST', Paths.snooze(item!.id), { until: new Date(Date.now() + 800).toISOString() })
    await vi.waitFor(() => expect(inbox.inboxItems).toEqual([]))
    // The server's own wake timer ends it.
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(1), { timeout: 5000 })
    expect(inbox.inboxItems.map(n => n.id)).toEqual([item!.id])
    expect(arrived).toEqual([item!.id])
  })

  test('a snooze that ended while this tab was away shows unread after the resync', async () => {
    const [item] = seed.unread(1)
    const { inbox, wsStore } = await openApp()
    const token = localStorage.getItem('auth-token')!
    await elsewhere(token, 'POST', Paths.snooze(item!.id), { until: new Date(Date.now() + 60_000).toISOString() })
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(0))
    wsStore.disconnect()
    await elsewhere(token, 'POST', Paths.unsnooze(item!.id)) // the snooze ends while we are away
    wsStore.connect()
    await vi.waitFor(() => expect(inbox.unreadCount).toBe(1))
    expect(inbox.inboxItems.map(n => n.id)).toEqual([item!.id])
  })
})

describe('changes made while the server is out of reach', () => {
  /** The network drops every write to the notification routes (reads still work, as from a cache). */
  function writesUnreachable() {
    server.use(http.post('*/api/notifications/*', () => HttpResponse.error()))
  }

  test('read and done stay applied, and reach the server in the order they were made once it is back', async () => {
    const [first, second] = seed.unread(2)
    const { inbox } = await openApp()
    const token = localStorage.getItem('auth-token')!
    writesUnreachable()
    expect(await inbox.markRead(first!.id)).toBe('queued')
    expect(await inbox.act({ action: 'archive', ids: [second!.id] })).toBe('queued')
    expect(await inbox.act({ action: 'unread', ids: [first!.id] })).toBe('queued') // behind the others
    expect(inbox.queuedWrites).toBe(3)
    expect(inbox.byId(first!.id)?.status).toBe('unread')
    expect(inbox.inboxItems.map(n => n.id)).toEqual([first!.id])
    expect(inbox.unreadCount).toBe(1)

    server.resetHandlers() // the connection is back
    await inbox.sync()
    expect(inbox.queuedWrites).toBe(0)
    const stored = await serverNotifications(token)
    expect(stored.find(n => n.id === first!.id)?.status).toBe('unread') // read, then unread: in order
    expect(stored.find(n => n.id === second!.id)?.archived).toBe(true)
    expect(inbox.unreadCount).toBe(1)
  })

  test('a queued change the server refuses once it is back is undone and reported', async () => {
    const [item] = seed.unread(1)
    const { inbox } = await openApp()
    const refused: number[] = []
    inbox.onWriteRefused(error => refused.push(error.status))
    writesUnreachable()
    expect(await inbox.act({ action: 'archive', ids: [item!.id] })).toBe('queued')
    expect(inbox.unreadCount).toBe(0)

    server.resetHandlers()
    server.use(http.post(`*${Paths.archive(item!.id)}`, () => fail(404, `notification ${item!.id} not found`)))
    await inbox.sync()
    expect(refused).toEqual([404])
    expect(inbox.byId(item!.id)?.archived).toBe(false)
    expect(inbox.unreadCount).toBe(1)
  })
})
