// The resync over the socket (v1.4, `ResyncApi.sync`), without Vue: answered by the server's own
// `syncReply` over its SQLite storage, it is one request, ends as the REST resync would, keeps the count
// window's contract for pushes racing it, and falls back to REST when no answer comes.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openDatabase, type Db } from '../../mock-server/storage/db'
import { createNotificationStore, type NotificationStore, type SqliteNotificationStore } from '../../mock-server/storage/notifications'
import { promised } from '../../mock-server/storage/storage'
import { syncReply } from '../../mock-server/ws/sync'
import { createInboxModel, resyncInbox, type InboxModel, type ResyncApi } from '../../src/inbox'
import type { Notification } from '../../src/protocol'

const USER = 'user1'
let database: Db
let store: SqliteNotificationStore
let inbox: InboxModel
let requests: string[]
/** Runs inside the sync, before (`beforeRead`) or after the server reads the inbox. */
let beforeRead: () => void
let afterRead: () => void
let syncFails: boolean
/** Syncs still to be turned away as busy (with a Retry-After of 0 s). */
let busyFor: number

const rest: ResyncApi = {
  list: async (query) => {
    requests.push('list')
    return store.list(USER, { page: query.page, pageSize: query.page_size, view: 'inbox', afterId: query.after_id === undefined ? undefined : Number(query.after_id) })
  },
  unreadCount: async () => {
    requests.push('count')
    return store.unreadCount(USER)
  },
}
const overSocket: ResyncApi = {
  ...rest,
  sync: async (query) => {
    requests.push('sync')
    if (syncFails)
      throw new Error('no answer to sync within 10000 ms')
    if (busyFor > 0) {
      busyFor--
      throw Object.assign(new Error('server busy: sync again later'), { status: 503, retryAfterSec: 0 })
    }
    beforeRead()
    const reply = await syncReply(promised<NotificationStore>(store), USER, { request_id: 'r1', ...query })
    afterRead()
    return { items: reply.items, total: reply.total, count: reply.unread_count }
  },
}

function stored(count: number): Notification[] {
  return Array.from({ length: count }, (_, i) => store.create([USER], { title: `n${i}`, content: 'c', type: 'system' })[0]!)
}

/** A notification stored and pushed (its arrival queued in the inbox, as the socket delivers it). */
function pushed(): Notification {
  const [item] = stored(1)
  inbox.apply({ type: 'arrived', item: item! })
  return item!
}

beforeEach(() => {
  database = openDatabase(':memory:')
  store = createNotificationStore(database)
  inbox = createInboxModel({ limit: 500, fetchUnreadCount: rest.unreadCount })
  requests = []
  beforeRead = () => {}
  afterRead = () => {}
  syncFails = false
  busyFor = 0
})

afterEach(() => {
  inbox.dispose()
  database.close()
})

test('after a restart with 100 missed, one sync brings every one of them once and the badge counts them', async () => {
  const held = stored(5).map(n => n.id)
  await resyncInbox(inbox, overSocket)
  const missed = stored(100).map(n => n.id)
  requests = []
  await resyncInbox(inbox, overSocket)
  inbox.flush()
  const ids = inbox.items.map(item => item.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids.sort()).toEqual([...held, ...missed].sort())
  expect(inbox.unreadCount).toBe(105)
  expect(requests).toEqual(['sync'])
})

test('a sync that gets no answer is followed by the REST reads in the same attempt, ending the same', async () => {
  const held = stored(3).map(n => n.id)
  syncFails = true
  await resyncInbox(inbox, overSocket)
  inbox.flush()
  expect(inbox.items.map(item => item.id).sort()).toEqual([...held].sort())
  expect(inbox.unreadCount).toBe(3)
  expect(requests).toEqual(['sync', 'list', 'count'])
})

test('a sync a busy server turns away is asked again after the wait, over the socket, not by REST', async () => {
  const held = stored(3).map(n => n.id)
  busyFor = 1
  await resyncInbox(inbox, overSocket, { retry: { policy: { base: 1, cap: 1, jitter: 1 }, random: () => 0 } })
  inbox.flush()
  expect(inbox.items.map(item => item.id).sort()).toEqual([...held].sort())
  expect(requests).toEqual(['sync', 'sync'])
})

test('a push stored before the server read, arriving while the sync is in flight, shows once and counts once', async () => {
  stored(2)
  await resyncInbox(inbox, overSocket)
  let racing: Notification | null = null
  beforeRead = () => {
    racing = pushed()
  }
  await resyncInbox(inbox, overSocket)
  inbox.flush()
  expect(inbox.items.filter(item => item.id === racing!.id)).toHaveLength(1)
  expect(inbox.unreadCount).toBe(3)
})

test('a push stored after the server read, arriving before its reply, still counts once', async () => {
  stored(2)
  await resyncInbox(inbox, overSocket)
  afterRead = () => {
    pushed()
  }
  await resyncInbox(inbox, overSocket)
  inbox.flush()
  expect(inbox.items).toHaveLength(3)
  expect(inbox.unreadCount).toBe(3)
})
