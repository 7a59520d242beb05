// The one request/reply of the notification socket (v1.4): `sync` out with a fresh request id, its
// `synced` (or an `error` naming it) back. The connection owns one of these per transport; a request
// ends with its reply, its error, the socket's close or a timeout, and then the resync reads by REST.
import { DEFAULT_PAGE_SIZE, ErrorCode, MessageType, type ClientMessage, type Notification, type Synced } from '@/protocol'

/** What a `sync` asks: everything after the newest id held (null: none held) and the first page's size. */
export interface SyncQuery {
  /** The newest id the inbox holds; null or absent when it holds none. */
  after_id?: string | null
  /** Size of the first page. */
  page_size?: number
}

/**
 * Why a sync did not get its `synced`. The resync reads by REST instead, unless the server was busy:
 * then it waits `retryAfterSec` and asks again, as after a REST 503 (`status`, read by its retry).
 */
export class SyncFailed extends Error {
  /** 503 when the server was busy (it says when to ask again); 0 otherwise. */
  readonly status: number
  /** Seconds the busy server asked to wait; null when it was not busy. */
  readonly retryAfterSec: number | null
  constructor(message: string, retryAfterSec: number | null = null) {
    super(message)
    this.name = 'SyncFailed'
    this.retryAfterSec = retryAfterSec
    this.status = retryAfterSec === null ? 0 : 503
  }
}

interface Pending {
  resolve: (reply: Synced) => void
  reject: (error: SyncFailed) => void
  timer: ReturnType<typeof setTimeout>
}

export interface SyncRequests {
  /** Sends one `sync` through `send`; settles with its reply, its error, `failAll` or the timeout. */
  request: (query: SyncQuery, send: (frame: ClientMessage) => boolean) => Promise<Synced>
  /** Settles the request a frame answers; true when the frame was such an answer (it goes no further). */
  settle: (frame: { type: string, data?: unknown }) => boolean
  /** Fails every request in flight (the socket closed). */
  failAll: (reason: string) => void
  /** False once the server said it does not know `sync` (older than v1.4); true again after `failAll`. */
  readonly supported: boolean
}

let sequence = 0

export function createSyncRequests(timeoutMs: number): SyncRequests {
  const pending = new Map<string, Pending>()
  let supported = true

  function finish(id: string): Pending | undefined {
    const entry = pending.get(id)
    if (entry) {
      pending.delete(id)
      clearTimeout(entry.timer)
    }
    return entry
  }

  function failAll(reason: string): void {
    for (const id of [...pending.keys()])
      finish(id)?.reject(new SyncFailed(reason))
  }

  return {
    get supported() {
      return supported
    },
    request(query, send) {
      const id = `s${++sequence}-${Math.random().toString(36).slice(2, 10)}`
      return new Promise<Synced>((resolve, reject) => {
        const timer = setTimeout(() => finish(id)?.reject(new SyncFailed(`no answer to sync within ${timeoutMs} ms`)), timeoutMs)
        pending.set(id, { resolve, reject, timer })
        if (!send({ type: MessageType.Sync, data: { request_id: id, after_id: query.after_id ?? null, page_size: query.page_size ?? DEFAULT_PAGE_SIZE } }))
          finish(id)?.reject(new SyncFailed('the socket is not open'))
      })
    },
    settle(frame) {
      if (frame.type !== MessageType.Synced && frame.type !== MessageType.Error)
        return false
      const data = frame.data as { request_id?: unknown, code?: unknown, message?: unknown, retry_after?: unknown } | undefined
      if (typeof data?.request_id !== 'string') {
        // A server older than v1.4 answers `sync` with an unknown_type error it cannot name a request in.
        if (frame.type === MessageType.Error && data?.code === ErrorCode.UnknownType && pending.size) {
          supported = false
          failAll(String(data.message))
        }
        return false
      }
      const entry = finish(data.request_id)
      if (!entry)
        return frame.type === MessageType.Synced // a late reply to a request given up on: nothing to show
      if (frame.type === MessageType.Synced)
        entry.resolve(frame.data as Synced)
      else if (data.code === ErrorCode.Busy)
        entry.reject(new SyncFailed(String(data.message), typeof data.retry_after === 'number' ? data.retry_after : 1))
      else
        entry.reject(new SyncFailed(String(data.message)))
      return true
    },
    failAll(reason) {
      failAll(reason)
      supported = true // the next socket may reach a newer server
    },
  }
}

/** A reply as the inbox's resync takes it (`ResyncApi.sync` in src/inbox/resync.ts). */
export interface InboxSyncAnswer {
  /** What was missed and the first page, newest first. */
  items: Notification[]
  /** The inbox's total. */
  total: number
  /** The unread count. */
  count: number
}

/**
 * The resync's `sync` over `connection` when it can ask now (this tab holds an open WebSocket), else
 * undefined: the resync then reads by REST.
 */
export function inboxSyncOf(connection: {
  /** Whether `sync` can ask the server now. */
  readonly canSync: boolean
  /** Asks; rejects when the answer does not come. */
  sync: (query: SyncQuery) => Promise<Synced>
}): ((query: SyncQuery) => Promise<InboxSyncAnswer>) | undefined {
  if (!connection.canSync)
    return undefined
  return async (query) => {
    const reply = await connection.sync(query)
    return { items: reply.items, total: reply.total, count: reply.unread_count }
  }
}
