// A resync that fails while the server is overloaded, without Vue: the shared code path the app's store
// and the storm benchmark run, against the server's own SQLite storage (on :memory:), on a fake clock.
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { openDatabase, type Db } from '../../mock-server/storage/db'
import { createNotificationStore, type SqliteNotificationStore } from '../../mock-server/storage/notifications'
import { ApiError } from '../../src/api/http'
import { createInboxModel, resyncInbox, type InboxModel, type ResyncApi } from '../../src/inbox'

const USER = 'user1'
let database: Db
let store: SqliteNotificationStore
let inbox: InboxModel
/** Failures the next list requests meet, in order; then the storage answers. */
let failures: Error[]
/** Failures the next unread-count requests meet, in order. */
let countFailures: Error[]
let listRequests: number

const api: ResyncApi = {
  list: async (query) => {
    listRequests++
    const failure = failures.shift()
    if (failure)
      throw failure
    return store.list(USER, { page: query.page, pageSize: query.page_size, view: 'inbox', afterId: query.after_id === undefined ? undefined : Number(query.after_id) })
  },
  unreadCount: async () => {
    const failure = countFailures.shift()
    if (failure)
      throw failure
    return store.unreadCount(USER)
  },
}

function stored(count: number): string[] {
  return Array.from({ length: count }, (_, i) => store.create([USER], { title: `n${i}`, content: 'c', type: 'system' })[0]!.id)
}

/** Settles the resync in the background, so the test can move the clock meanwhile. */
function settled(resync: Promise<void>): { value: 'pending' | 'done' | unknown } {
  const outcome: { value: 'pending' | 'done' | unknown } = { value: 'pending' }
  resync.then(() => { outcome.value = 'done' }, (error: unknown) => { outcome.value = error })
  return outcome
}

beforeEach(async () => {
  database = openDatabase(':memory:')
  store = createNotificationStore(database)
  inbox = createInboxModel({ limit: 500, fetchUnreadCount: api.unreadCount })
  failures = []
  countFailures = []
  stored(5)
  await resyncInbox(inbox, api)
  listRequests = 0
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  inbox.dispose()
  database.close()
})

test('a resync that fails while the server is overloaded is retried and ends with every missed notification exactly once', async () => {
  const missed = stored(60)
  failures = [new ApiError(0, 'fetch failed'), new ApiError(500, 'database is locked'), new ApiError(503, 'overloaded', 1)]
  const outcome = settled(resyncInbox(inbox, api, { retry: {} }))
  await vi.advanceTimersByTimeAsync(60_000)
  expect(outcome.value).toBe('done')
  inbox.flush()
  const ids = inbox.items.map(item => item.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(missed.every(id => inbox.get(id))).toBe(true)
  expect(inbox.unreadCount).toBe(65)
})

test('a resync refused with 503 waits the Retry-After before retrying', async () => {
  const [missed] = stored(1)
  failures = [new ApiError(503, 'overloaded', 3)]
  const outcome = settled(resyncInbox(inbox, api, { retry: {} }))
  await vi.advanceTimersByTimeAsync(0)
  const afterRefusal = listRequests
  await vi.advanceTimersByTimeAsync(2_999)
  expect(listRequests).toBe(afterRefusal)
  await vi.advanceTimersByTimeAsync(501) // Retry-After, plus at most the first jittered backoff (0.5 s)
  expect(listRequests).toBeGreaterThan(afterRefusal)
  expect(outcome.value).toBe('done')
  expect(inbox.get(missed!)).toBeDefined()
})

test.each([404, 422])('a %i is not retried: the resync fails with it and the inbox is unchanged', async (status) => {
  stored(1)
  const before = inbox.items.length
  failures = [new ApiError(status, 'refused')]
  const outcome = settled(resyncInbox(inbox, api, { retry: {} }))
  await vi.advanceTimersByTimeAsync(60_000)
  expect(outcome.value).toMatchObject({ status })
  expect(listRequests).toBe(1)
  expect(inbox.items).toHaveLength(before)
})

test('a resync whose socket closed stops retrying and fails with the last error', async () => {
  stored(1)
  failures = Array.from({ length: 100 }, () => new ApiError(0, 'fetch failed'))
  const socket = new AbortController()
  const outcome = settled(resyncInbox(inbox, api, { retry: { signal: socket.signal } }))
  await vi.advanceTimersByTimeAsync(0)
  socket.abort()
  await vi.advanceTimersByTimeAsync(0)
  expect(outcome.value).toMatchObject({ status: 0, message: 'fetch failed' })
  const requests = listRequests
  await vi.advanceTimersByTimeAsync(60_000)
  expect(listRequests).toBe(requests)
})

test('a notification pushed while a failed resync waits does not hide the ones missed before it', async () => {
  const missed = stored(60)
  failures = [new ApiError(503, 'overloaded', 1)]
  const outcome = settled(resyncInbox(inbox, api, { retry: {} }))
  await vi.advanceTimersByTimeAsync(0)
  const pushed = store.create([USER], { title: 'pushed while waiting', content: 'c', type: 'system' })[0]!
  inbox.apply({ type: 'arrived', item: pushed })
  inbox.flush()
  await vi.advanceTimersByTimeAsync(60_000)
  expect(outcome.value).toBe('done')
  inbox.flush()
  expect(missed.filter(id => !inbox.get(id))).toEqual([])
  expect(inbox.unreadCount).toBe(66)
})

test('a count refused after the missed list was read does not make the retry read the list again', async () => {
  const missed = stored(60)
  countFailures = [new ApiError(503, 'overloaded', 1)]
  const outcome = settled(resyncInbox(inbox, api, { retry: {} }))
  await vi.advanceTimersByTimeAsync(60_000)
  expect(outcome.value).toBe('done')
  expect(listRequests).toBe(1)
  inbox.flush()
  expect(missed.every(id => inbox.get(id))).toBe(true)
  expect(inbox.unreadCount).toBe(65)
})
