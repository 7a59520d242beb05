// The inbox model alone, without Vue or a server: what the badge and the list would show after each
// sequence of events. The server's count is a number the test sets.
import { createInboxModel, type InboxModel, type OptimisticChange } from '../../src/inbox'
import type { Notification } from '../../src/protocol'

let sequence = 0
const EPOCH = Date.parse('2026-01-05T09:00:00Z')

/** A notification, newer than the previous one; a test names only what it cares about. */
function notification(overrides: Partial<Notification> = {}): Notification {
  sequence += 1
  return {
    id: String(sequence),
    title: `Report ${sequence}`,
    content: 'ready',
    type: 'analysis',
    created_at: new Date(EPOCH + sequence * 1000).toISOString(),
    status: 'unread',
    archived: false,
    snoozed_until: null,
    ...overrides,
  }
}

let serverCount = 0
let countRequests = 0
let model: InboxModel
let batches = 0

beforeEach(() => {
  vi.useFakeTimers()
  serverCount = 0
  countRequests = 0
  batches = 0
  model = createInboxModel({
    limit: 500,
    fetchUnreadCount: async () => {
      countRequests += 1
      return serverCount
    },
  })
  model.subscribe(() => batches++)
})

afterEach(() => {
  model.dispose()
  vi.useRealTimers()
})

/** Lets the next animation frame (or its timeout stand-in) run. */
async function nextFrame() {
  await vi.advanceTimersByTimeAsync(100)
}

describe('arrivals', () => {
  test('a burst of a thousand pushes lands in one update on the next frame, newest first and counted', async () => {
    const pushed = Array.from({ length: 1000 }, () => notification())
    pushed.forEach(item => model.apply({ type: 'arrived', item }))
    expect(model.items).toHaveLength(0)
    expect(batches).toBe(0)

    await nextFrame()
    expect(batches).toBe(1)
    expect(model.items).toHaveLength(500)
    expect(model.items[0]!.id).toBe(pushed.at(-1)!.id)
    expect(model.unreadCount).toBe(1000)
  })

  test('pushes that come out of order take their place by time among the ones already shown', async () => {
    const [oldest, middle, newest] = [notification(), notification(), notification()]
    model.apply({ type: 'synced', items: [newest!, oldest!], total: 2, count: 2, window: model.openCountWindow() })
    const late = notification({ created_at: middle!.created_at, id: middle!.id })
    const latest = notification()
    model.apply({ type: 'arrived', item: latest })
    model.apply({ type: 'arrived', item: late })
    await nextFrame()
    expect(model.items.map(n => n.id)).toEqual([latest.id, newest!.id, middle!.id, oldest!.id])
    expect(model.unreadCount).toBe(4)
  })

  test('a burst past the bound keeps the page on screen and the newest beside it, in time order', async () => {
    const onScreen = notification()
    model.apply({ type: 'page', items: [onScreen] })
    const pushed = Array.from({ length: 700 }, () => notification())
    pushed.forEach(item => model.apply({ type: 'arrived', item }))
    await nextFrame()
    const expected = [...pushed.slice(-499).reverse().map(n => n.id), onScreen.id] // 500 in all
    expect(model.items.map(n => n.id)).toEqual(expected)
    expect(model.get(pushed[0]!.id)).toBeUndefined()
    expect(model.unreadCount).toBe(701)
  })

  test('after a reset the same push is counted again, once', async () => {
    const item = notification()
    model.apply({ type: 'arrived', item })
    await nextFrame()
    model.apply({ type: 'reset' })
    model.apply({ type: 'arrived', item })
    model.apply({ type: 'arrived', item })
    await nextFrame()
    model.apply({ type: 'arrived', item })
    await nextFrame()
    expect(model.items.map(n => n.id)).toEqual([item.id])
    expect(model.unreadCount).toBe(1)
  })

  test('a read push right behind its arrivals applies to them: events keep their order', () => {
    const [first, second] = [notification(), notification()]
    model.apply({ type: 'arrived', item: first! })
    model.apply({ type: 'arrived', item: second! })
    model.apply({ type: 'read', ids: [first!.id] })

    expect(batches).toBe(1)
    expect(model.get(first!.id)?.status).toBe('read')
    expect(model.unreadCount).toBe(1)
    expect(countRequests).toBe(0)
  })

  test('a push already listed by a REST page is neither counted again nor announced', async () => {
    const item = notification()
    const announced: string[] = []
    model.onArrival(n => announced.push(n.id))
    const window = model.openCountWindow()
    model.apply({ type: 'synced', items: [item], total: 1, count: 1, window })

    model.apply({ type: 'arrived', item })
    await nextFrame()
    expect(model.unreadCount).toBe(1)
    expect(announced).toEqual([])
  })

  test('a burst that comes shuffled lands in time order and is counted like one that comes in order', async () => {
    const pushed = Array.from({ length: 700 }, () => notification())
    const shuffled = pushed.map((item, index) => ({ item, key: (index * 7919) % 700 })).sort((a, b) => a.key - b.key).map(({ item }) => item)
    shuffled.forEach(item => model.apply({ type: 'arrived', item }))
    await nextFrame()
    expect(model.items.map(n => n.id)).toEqual(pushed.slice(-500).reverse().map(n => n.id))
    expect(model.unreadCount).toBe(700)
  })

  test('a shuffled burst pushed again, in reverse, is neither counted nor announced twice', async () => {
    const announced: string[] = []
    model.onArrival(n => announced.push(n.id))
    // The ids cross a digit boundary (999 to 1000, say), where text order and number order part.
    sequence = 10 ** String(sequence + 350).length - 350
    const pushed = Array.from({ length: 700 }, () => notification())
    const shuffled = pushed.map((item, index) => ({ item, key: (index * 7919) % 700 })).sort((a, b) => a.key - b.key).map(({ item }) => item)
    shuffled.forEach(item => model.apply({ type: 'arrived', item }))
    await nextFrame()
    shuffled.reverse().forEach(item => model.apply({ type: 'arrived', item }))
    await nextFrame()
    expect(model.unreadCount).toBe(700)
    expect(announced).toHaveLength(700)
    expect(new Set(announced).size).toBe(700)
  })

  test('a push repeated behind newer ones, in the same frame or a later one, is counted and announced once', async () => {
    const announced: string[] = []
    model.onArrival(n => announced.push(n.id))
    const [first, second, third] = [notification(), notification(), notification()]
    for (const item of [first!, second!, first!, third!, second!])
      model.apply({ type: 'arrived', item })
    await nextFrame()
    model.apply({ type: 'arrived', item: first! })
    await nextFrame()
    expect(model.items.map(n => n.id)).toEqual([third!.id, second!.id, first!.id])
    expect(model.unreadCount).toBe(3)
    expect(announced).toEqual([first!.id, second!.id, third!.id])
  })

  test('a push repeated after 4,999 newer ones, long gone from the list, is still not counted again', async () => {
    const first = notification()
    model.apply({ type: 'arrived', item: first })
    for (let index = 0; index < 4999; index++)
      model.apply({ type: 'arrived', item: notification({ status: 'read' }) })
    await nextFrame()
    expect(model.get(first.id)).toBeUndefined()
    model.apply({ type: 'arrived', item: first })
    await nextFrame()
    expect(model.get(first.id)).toBeUndefined()
    expect(model.unreadCount).toBe(1)
  })

  test('a push for a notification still on screen is not counted again, however many came since', async () => {
    const onScreen = notification()
    model.apply({ type: 'page', items: [onScreen] })
    for (let index = 0; index < 10_001; index++)
      model.apply({ type: 'arrived', item: notification({ status: 'read' }) })
    await nextFrame()
    model.apply({ type: 'arrived', item: onScreen })
    await nextFrame()
    expect(model.items.filter(n => n.id === onScreen.id)).toHaveLength(1)
    expect(model.unreadCount).toBe(1)
  })

  test('listeners hear each new notification once, after it is in the inbox', async () => {
    const item = notification()
    const seenInInbox: boolean[] = []
    model.onArrival(n => seenInInbox.push(model.get(n.id) !== undefined))
    model.apply({ type: 'arrived', item })
    model.apply({ type: 'arrived', item })
    await nextFrame()
    expect(seenInInbox).toEqual([true])
  })
})

describe('changes made here', () => {
  test('a refused delete puts the notification back, unread and counted', () => {
    const item = notification()
    model.apply({ type: 'synced', items: [item], total: 1, count: 1, window: model.openCountWindow() })
    const change: OptimisticChange = { action: 'remove', ids: [item.id] }

    model.apply({ type: 'begin', change })
    expect(model.get(item.id)).toBeUndefined()
    expect(model.unreadCount).toBe(0)

    model.apply({ type: 'rollback', change })
    expect(model.get(item.id)?.status).toBe('unread')
    expect(model.unreadCount).toBe(1)
  })

  test('a REST page read while a mark-read is in flight does not undo it on screen', () => {
    const item = notification()
    model.apply({ type: 'synced', items: [item], total: 1, count: 1, window: model.openCountWindow() })
    const change: OptimisticChange = { action: 'read', ids: [item.id] }

    model.apply({ type: 'begin', change })
    model.apply({ type: 'page', items: [item] }) // the server had not applied it yet
    expect(model.get(item.id)?.status).toBe('read')
    expect(model.unreadCount).toBe(0)

    model.apply({ type: 'commit', change })
    model.apply({ type: 'page', items: [{ ...item, status: 'read' }] })
    expect(model.unreadCount).toBe(0)
  })

  test('mark all read clears the badge, unread ones this tab never loaded included, and a refusal restores it', () => {
    const held = [notification(), notification()]
    model.apply({ type: 'synced', items: held, total: 40, count: 40, window: model.openCountWindow() })
    const change: OptimisticChange = { action: 'read-all' }

    model.apply({ type: 'begin', change })
    expect(model.unreadCount).toBe(0)
    expect(model.items.every(n => n.status === 'read')).toBe(true)

    model.apply({ type: 'rollback', change })
    expect(model.unreadCount).toBe(40)
    expect(model.items.every(n => n.status === 'unread')).toBe(true)
  })
})

describe('changes made elsewhere', () => {
  test('a read push for a notification this tab does not hold asks the server for the count', async () => {
    model.apply({ type: 'synced', items: [], total: 3, count: 3, window: model.openCountWindow() })
    serverCount = 2
    model.apply({ type: 'read', ids: ['not-held'] })
    await vi.waitFor(() => expect(model.unreadCount).toBe(2))
    expect(countRequests).toBe(1)
  })

  test('a push that lands while the count is in flight and is missing from the page is added, then checked', async () => {
    const window = model.openCountWindow()
    const pushed = notification()
    model.apply({ type: 'arrived', item: pushed })
    await nextFrame()
    serverCount = 1
    model.apply({ type: 'synced', items: [], total: 0, count: 0, window })
    expect(model.unreadCount).toBe(1) // the count may have been read before it was stored

    await vi.advanceTimersByTimeAsync(1000)
    expect(countRequests).toBe(1)
    expect(model.unreadCount).toBe(1)
  })

  test('a deletion in another tab drops the notification and its unread mark', () => {
    const [kept, gone] = [notification(), notification()]
    model.apply({ type: 'synced', items: [kept!, gone!], total: 2, count: 2, window: model.openCountWindow() })
    model.apply({ type: 'removed', ids: [gone!.id] })
    expect(model.items.map(n => n.id)).toEqual([kept!.id])
    expect(model.unreadCount).toBe(1)
  })

  test('reset forgets every notification and the badge in one update', () => {
    model.apply({ type: 'synced', items: [notification()], total: 1, count: 1, window: model.openCountWindow() })
    batches = 0
    model.apply({ type: 'reset' })
    expect(model.items).toEqual([])
    expect(model.unreadCount).toBe(0)
    expect(batches).toBe(1)
  })
})

describe('triage', () => {
  function held(...items: Notification[]) {
    model.apply({ type: 'synced', items, total: items.length, count: items.filter(n => n.status === 'unread').length, window: model.openCountWindow() })
  }

  test('done elsewhere takes an unread item out of the badge; undone elsewhere it stays read', () => {
    const item = notification()
    held(item)
    model.apply({ type: 'updated', items: [{ ...item, archived: true, status: 'read' }] })
    expect(model.unreadCount).toBe(0)
    model.apply({ type: 'updated', items: [{ ...item, archived: false, status: 'read' }] })
    expect(model.unreadCount).toBe(0)
    expect(countRequests).toBe(0)
  })

  test('a snooze that ends brings the item back unread, counted and announced like an arrival', () => {
    const item = notification()
    held(item)
    const announced: string[] = []
    model.onArrival(n => announced.push(n.id))
    model.apply({ type: 'updated', items: [{ ...item, snoozed_until: '2026-01-06T09:00:00Z' }] })
    expect(model.unreadCount).toBe(0)

    model.apply({ type: 'updated', items: [{ ...item, snoozed_until: null, status: 'unread' }], woke: true })
    expect(model.unreadCount).toBe(1)
    expect(announced).toEqual([item.id])
  })

  test('a snooze that ended while this tab never held the item still raises the badge', () => {
    held()
    model.apply({ type: 'updated', items: [notification()], woke: true })
    expect(model.unreadCount).toBe(1)
    expect(countRequests).toBe(0)
  })

  test('a refused snooze puts the item back in the inbox, counted again', () => {
    const item = notification()
    held(item)
    const change: OptimisticChange = { action: 'snooze', ids: [item.id], until: '2026-01-06T09:00:00Z' }
    model.apply({ type: 'begin', change })
    expect(model.get(item.id)?.snoozed_until).toBe('2026-01-06T09:00:00Z')
    expect(model.unreadCount).toBe(0)
    model.apply({ type: 'rollback', change })
    expect(model.get(item.id)?.snoozed_until).toBeNull()
    expect(model.unreadCount).toBe(1)
  })

  test('a rollback leaves alone an item a push changed meanwhile', () => {
    const item = notification()
    held(item)
    const change: OptimisticChange = { action: 'archive', ids: [item.id] }
    model.apply({ type: 'begin', change })
    model.apply({ type: 'updated', items: [{ ...item, archived: true, status: 'unread' }] }) // someone marked it unread
    model.apply({ type: 'rollback', change })
    expect(model.get(item.id)).toMatchObject({ archived: true, status: 'unread' })
    expect(model.unreadCount).toBe(0)
  })

  test('a bulk delete of held and unknown ids drops the held ones and asks for the count', async () => {
    const [a, b] = [notification(), notification()]
    held(a!, b!)
    serverCount = 0
    model.apply({ type: 'removed', ids: [a!.id, b!.id, 'elsewhere'] })
    expect(model.items).toEqual([])
    await vi.waitFor(() => expect(countRequests).toBe(1))
  })
})

describe('pages read during a burst', () => {
  test('a notification a page lists before its push comes is counted once, by the page', async () => {
    const older = notification()
    model.apply({ type: 'synced', items: [older], total: 1, count: 1, window: model.openCountWindow() })
    const [a, b] = [notification(), notification()]
    model.apply({ type: 'arrived', item: a! })
    await nextFrame()
    model.apply({ type: 'page', items: [b!, a!, older] }) // b is stored, its push still on its way
    expect(model.unreadCount).toBe(3)
    model.apply({ type: 'arrived', item: b! })
    await nextFrame()
    expect(model.unreadCount).toBe(3)
  })

  test('an older notification a page lists (already in the server\'s count) is not counted again', () => {
    const [old, newer] = [notification(), notification()]
    model.apply({ type: 'synced', items: [newer!], total: 2, count: 2, window: model.openCountWindow() })
    model.apply({ type: 'page', items: [old!] })
    expect(model.unreadCount).toBe(2)
  })
})
