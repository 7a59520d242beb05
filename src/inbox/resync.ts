// The REST resync every (re)connect does, without Vue: what to ask the server and how the answer goes
// into the inbox model. The Pinia store runs it, and so does the reconnect-storm benchmark (bench/storm/),
// so the benchmark measures the app's own requests.
//
// It reads the first page (the newest 20 as they are now: changes made elsewhere show) and the unread
// count. Holding notifications already, it also asks for everything stored after the newest one it holds
// (`after_id`, v1.3), in the same round trip: a server down while 100 notifications were stored gives
// back all 100, where the first page alone brought the newest 20 and lost the rest.
import { MAX_NOTIFICATIONS_PER_USER, MAX_PAGE_SIZE, type NotificationPage } from '@/protocol'
import type { InboxModel } from './model'

/** The two REST calls a resync makes (the app passes `src/api/notifications`). */
export interface ResyncApi {
  list: (query: { page: number, page_size: number, after_id?: string }) => Promise<NotificationPage>
  unreadCount: () => Promise<number>
}

export interface ResyncOptions {
  /** Size of the first page. @default 20 */
  pageSize?: number
}

/** Ids are increasing decimal strings: a longer one is larger. */
function newer(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b
}

/** The newest id the inbox holds, or null when it holds none. */
export function newestHeldId(inbox: Pick<InboxModel, 'items'>): string | null {
  let newest: string | null = null
  for (const item of inbox.items) {
    if (newest === null || newer(item.id, newest))
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
 * Reads the first page, what was missed since the newest held id, and the unread count beside them, and
 * applies them as one `synced` event. Rejects when a request fails; the inbox is then unchanged.
 */
export async function resyncInbox(inbox: InboxModel, api: ResyncApi, options: ResyncOptions = {}): Promise<void> {
  const held = newestHeldId(inbox)
  const window = inbox.openCountWindow()
  try {
    const [first, missed, count] = await Promise.all([
      api.list({ page: 1, page_size: options.pageSize ?? 20 }),
      held === null ? null : missedSince(api, held),
      api.unreadCount(),
    ])
    const items = missed ? [...first.items, ...missed.items] : first.items
    inbox.apply({ type: 'synced', items, total: first.total, count, window })
  }
  finally {
    window.close()
  }
}
