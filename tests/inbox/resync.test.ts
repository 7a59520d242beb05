// The resync every (re)connect runs, without Vue: against the server's own SQLite storage (on :memory:),
// what the inbox holds afterwards and how many requests it took.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openDatabase, type Db } from '../../mock-server/storage/db'
import { createNotificationStore, type SqliteNotificationStore } from '../../mock-server/storage/notifications'
import { createInboxModel, resyncInbox, type InboxModel, type ResyncApi } from '../../src/inbox'

const USER = 'user1'
let database: Db
let store: SqliteNotificationStore
let inbox: InboxModel
let requests: string[]

/** The two calls as the app makes them, answered by the server's storage with the route's defaults (view inbox). */
const api: ResyncApi = {
  list: async (query) => {
    requests.push(query.after_id === undefined ? 'first page' : `after ${query.after_id}`)
    return store.list(USER, { page: query.page, pageSize: query.page_size, view: 'inbox', afterId: query.after_id === undefined ? undefined : Number(query.after_id) })
  },
  unreadCount: async () => {
    requests.push('count')
    return store.unreadCount(USER)
  },
}

function stored(count: number): string[] {
  return Array.from({ length: count }, (_, i) => store.create([USER], { title: `n${i}`, content: 'c', type: 'system' })[0]!.id)
}

beforeEach(() => {
  database = openDatabase(':memory:')
  store = createNotificationStore(database)
  inbox = createInboxModel({ limit: 500, fetchUnreadCount: api.unreadCount })
  requests = []
})

afterEach(() => {
  inbox.dispose()
  database.close()
})

test('an empty inbox reads the first page and the count, as before', async () => {
  stored(30)
  await resyncInbox(inbox, api)
  expect(inbox.items).toHaveLength(20)
  expect(requests.sort()).toEqual(['count', 'first page'])
})

test('after a restart with 100 missed, every one of them is held once and the badge counts them, in two requests', async () => {
  const held = stored(5)
  await resyncInbox(inbox, api)
  requests = []
  const missed = stored(100)
  await resyncInbox(inbox, api)
  inbox.flush()
  const ids = inbox.items.map(item => item.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids.sort()).toEqual([...held, ...missed].sort())
  expect(inbox.unreadCount).toBe(105)
  expect(requests.sort()).toEqual(['after 5', 'count'])
})

test('with fewer missed than a page it reads the first page too, so a change made elsewhere to a held one shows', async () => {
  const [first] = stored(3)
  await resyncInbox(inbox, api)
  store.markRead(USER, first!)
  const [missed] = stored(1)
  requests = []
  await resyncInbox(inbox, api)
  expect(inbox.get(first!)?.status).toBe('read')
  expect(inbox.get(missed!)).toBeDefined()
  expect(requests.sort()).toEqual(['after 3', 'count', 'first page'])
})
