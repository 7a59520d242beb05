// v1.4 `sync`: the resync of a (re)connect over the socket that is already open and authenticated,
// instead of two or three REST requests (a parse, routing, an envelope and a TCP exchange each). It reads
// what `resyncOnce` (src/inbox/resync.ts) reads by REST, through the same storage calls as the list and
// unread-count routes, so the items' JSON is the same, and answers in one `synced` frame. The msw
// harness (mock-server/testing/sockets) answers with `syncReply` too.
import {
  DEFAULT_NOTIFICATION_VIEW,
  ErrorCode,
  MAX_NOTIFICATIONS_PER_USER,
  encodeMessage,
  encodeSyncedMessage,
  errorMessage,
  type ErrorCodeValue,
  type Notification,
  type Synced,
  type SyncRequest,
} from '../../src/protocol'
import type { ServerContext } from '../context'
import type { NotificationStore } from '../storage/notifications'
import type { WsConnection } from './ws-connection'

type SyncStore = Pick<NotificationStore, 'list' | 'unreadCount'>

/** What a refused sync says, here and in the msw harness (mock-server/testing/sockets). */
export const SYNC_BUSY_MESSAGE = 'server busy: sync again later'
export const SYNC_UNAVAILABLE_MESSAGE = 'the server could not read the inbox: resync by REST'

/**
 * The answer to `request` for `userId`, as the REST resync would gather it: without `after_id` the first
 * page; with it everything stored after it (the user keeps at most MAX_NOTIFICATIONS_PER_USER, so one
 * read), plus the first page when fewer than a page were missed; each id once, newest first.
 */
export async function syncReply(store: SyncStore, userId: string, request: SyncRequest): Promise<Omit<Synced, 'timestamp'>> {
  const view = DEFAULT_NOTIFICATION_VIEW
  const firstPage = () => store.list(userId, { page: 1, pageSize: request.page_size, view })
  const unread = store.unreadCount(userId)
  if (request.after_id === undefined || request.after_id === null) {
    const [page, unreadCount] = await Promise.all([firstPage(), unread])
    return { request_id: request.request_id, items: page.items, total: page.total, unread_count: unreadCount }
  }
  const afterId = Number(request.after_id)
  const [missed, unreadCount] = await Promise.all([
    store.list(userId, { page: 1, pageSize: MAX_NOTIFICATIONS_PER_USER, view, afterId }),
    unread,
  ])
  if (missed.total >= request.page_size) {
    // The first page is in it; the inbox's total alone (LIMIT 0 reads the count, no row).
    const { total } = await store.list(userId, { page: 1, pageSize: 0, view })
    return { request_id: request.request_id, items: missed.items, total, unread_count: unreadCount }
  }
  const first = await firstPage()
  return { request_id: request.request_id, items: mergeById(missed.items, first.items), total: first.total, unread_count: unreadCount }
}

/** Both lists, newest first, each id once (ids are increasing decimal strings, so compare numerically). */
function mergeById(a: Notification[], b: Notification[]): Notification[] {
  const byId = new Map<string, Notification>()
  for (const item of [...a, ...b])
    byId.set(item.id, item)
  return [...byId.values()].sort((x, y) => Number(y.id) - Number(x.id))
}

/**
 * Answers one `sync` on `connection`, through the admission gate like a REST request: in a storm the
 * storage reads wait for a later turn instead of stalling the loop. A socket that closed meanwhile is
 * skipped; a failure is an `error` naming the request (the client then resyncs by REST), never a crash.
 */
export function answerSync(ctx: ServerContext, connection: WsConnection, request: SyncRequest): void {
  const answer = (code: ErrorCodeValue, message: string, retryAfterSec?: number) =>
    connection.send(encodeMessage(errorMessage(code, message, request.request_id, retryAfterSec)))
  // Refused past the gate's `admissionMaxQueueMs` of estimated wait, as a REST resync is (503 with a
  // Retry-After): the client asks again after it, over the socket. Waiting longer (8 s, as handshakes may)
  // lets the queue grow until handshakes behind it outlive the client's open timeout.
  ctx.admission.admit({
    run: async () => {
      try {
        const reply = await syncReply(ctx.notifications, connection.userId, request)
        connection.send(encodeSyncedMessage(reply))
      }
      catch (error) {
        ctx.log('warn', `ws sync failed user=${connection.userId} conn=${connection.id}: ${(error as Error).message}`)
        answer(ErrorCode.Unavailable, SYNC_UNAVAILABLE_MESSAGE)
      }
    },
    refuse: retryAfterSec => answer(ErrorCode.Busy, SYNC_BUSY_MESSAGE, retryAfterSec),
    gone: () => !connection.isOpen(),
  })
}
