// The REST resync every (re)connect does, without Vue: what to ask the server and how the answer goes
// into the inbox model. The Pinia store runs it, and so does the reconnect-storm benchmark (bench/storm/),
// so the benchmark measures the app's own requests.
//
// With an empty inbox it reads the first page and the unread count, as it always did. Holding
// notifications, it asks for everything stored after the newest one it holds (`after_id`, v1.3) beside
// the count: a server down while 100 notifications were stored gives back all 100 (the first page alone
// brought the newest 20 and lost the rest). When that is a first page's worth or more, it holds the first
// page too (same view, same order), so two requests suffice, the case of a restart storm; fewer missed,
// the first page is read after it, so changes made elsewhere to the newest held ones still show.
// Over an open WebSocket (v1.4, `api.sync`) the server gathers the same in one `synced` reply; when that
// answer does not come (an error, the socket's close, the timeout) the same attempt reads by REST.
import { MAX_NOTIFICATIONS_PER_USER, MAX_PAGE_SIZE, type Notification, type NotificationPage } from '@/protocol'
import type { InboxModel } from './model'
import { withResyncRetry, type ResyncRetryOptions } from './resyncRetry'
import { isNewerId } from './seenIds'

/** The calls a resync makes: the two REST ones (the app passes `src/api/notifications`), and the socket's. */
export interface ResyncApi {
  list: (query: { page: number, page_size: number, after_id?: string }) => Promise<NotificationPage>
  unreadCount: () => Promise<number>
  /**
   * v1.4: the whole resync in one request over the open socket (`inboxSyncOf(connection)`): what was
   * missed after `after_id` (null: none held) and the first page, the inbox's total and the unread count.
   * Tried first when present; when it rejects, that attempt reads by REST, unless the rejection names a
   * wait (`retryAfterSec`, a busy server): then the attempt fails like a REST 503 and the retry asks again.
   */
  sync?: (query: { after_id: string | null, page_size: number }) => Promise<{ items: Notification[], total: number, count: number }>
}

export interface ResyncOptions {
  /** Size of the first page. @default 20 */
  pageSize?: number
  /** Retry a failure that passes (network, 408, 429, 5xx) with jittered backoff; without it, one attempt. */
  retry?: ResyncRetryOptions
}

/** The newest id the inbox holds, or null when it holds none. */
export function newestHeldId(inbox: Pick<InboxModel, 'items'>): string | null {
  let newest: string | null = null
  for (const item of inbox.items) {
    if (isNewerId(item.id, newest))
      newest = item.id
  }
  return newest
}

/** Everything stored after `afterId`, newest first (a user keeps at most MAX_NOTIFICATIONS_PER_USER). */
async function missedSince(api: ResyncApi, afterId: string): Promise<NotificationPage> {
  const first = await api.list({ page: 1, page_size: MAX_PAGE_SIZE, after_id: afterId })
  const items = [...first.items]
  const pages = Math.ceil(Math.min(first.total, MAX_NOTIFICATIONS_PER_USER) / MAX_PAGE_SIZE)
  for (let page = 2; page <= pages; page++)
    items.push(...(await api.list({ page, page_size: MAX_PAGE_SIZE, after_id: afterId })).items)
  return { ...first, items }
}

/**
 * `resyncOnce`, retried as `options.retry` says (see resyncRetry.ts) when given. Rejects when a request
 * fails for good or the retry's signal aborts; the inbox is then unchanged.
 */
export function resyncInbox(inbox: InboxModel, api: ResyncApi, options: ResyncOptions = {}): Promise<void> {
  // Read once, before any retry: a push that lands while a failed attempt waits is newer than every
  // missed one, and asking for what came after it would leave them out.
  const held = newestHeldId(inbox)
  if (!options.retry)
    return resyncOnce(inbox, api, held, options)
  const reused = reusingListAnswers(api)
  return withResyncRetry(() => resyncOnce(inbox, reused, held, options), options.retry)
}

/**
 * The api, with each list answer that arrived kept for the retries of the same resync: a count refused
 * in a storm (503) then costs the server the count again, not the list of everything missed. Safe, as the
 * socket was open before the first list was read, so whatever was stored after it came as a push.
 */
function reusingListAnswers(api: ResyncApi): ResyncApi {
  const answers = new Map<string, Promise<NotificationPage>>()
  return {
    list: (query) => {
      const key = JSON.stringify([query.page, query.page_size, query.after_id ?? null])
      let answer = answers.get(key)
      if (!answer) {
        answer = api.list(query)
        answers.set(key, answer)
        answer.catch(() => answers.delete(key))
      }
      return answer
    },
    unreadCount: () => api.unreadCount(),
    sync: api.sync,
  }
}

/**
 * Reads what was missed since `held`, the newest id held when the resync began (and, when that is less
 * than a first page, the first page) and the unread count, and applies them as one `synced` event. Rejects when a request fails; the
 * inbox is then unchanged.
 */
async function resyncOnce(inbox: InboxModel, api: ResyncApi, held: string | null, options: ResyncOptions): Promise<void> {
  const pageSize = options.pageSize ?? 20
  if (api.sync && await resyncOverSocket(inbox, api.sync, held, pageSize))
    return
  const window = inbox.openCountWindow()
  try {
    const firstPage = () => api.list({ page: 1, page_size: pageSize })
    const [page, count] = await Promise.all([held === null ? firstPage() : missedSince(api, held), api.unreadCount()])
    if (held === null) {
      inbox.apply({ type: 'synced', items: page.items, total: page.total, count, window })
    }
    else if (page.total >= pageSize) {
      inbox.apply({ type: 'synced', items: page.items, count, window }) // the first page is in it
    }
    else {
      const first = await firstPage()
      inbox.apply({ type: 'synced', items: [...page.items, ...first.items], total: first.total, count, window })
    }
  }
  finally {
    window.close()
  }
}

/**
 * One `sync` over the socket, applied as the REST answers are (one `synced` event, its count window
 * opened before the request). False when no answer came: the caller reads by REST, the inbox unchanged.
 * A busy server's refusal (it names a wait) is thrown instead: REST would be turned away as well, and
 * the retry's wait spreads the clients out.
 */
async function resyncOverSocket(inbox: InboxModel, sync: NonNullable<ResyncApi['sync']>, held: string | null, pageSize: number): Promise<boolean> {
  const window = inbox.openCountWindow()
  try {
    const answer = await sync({ after_id: held, page_size: pageSize })
    inbox.apply({ type: 'synced', items: answer.items, total: answer.total, count: answer.count, window })
    return true
  }
  catch (error) {
    if (typeof (error as { retryAfterSec?: unknown } | null)?.retryAfterSec === 'number')
      throw error
    return false
  }
  finally {
    window.close()
  }
}
