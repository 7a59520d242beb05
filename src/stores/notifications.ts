import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, markRaw, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { ApiError } from '@/api/http'
import * as notificationsApi from '@/api/notifications'
import { createInboxModel, inInbox, resyncInbox, type InboxEvent, type ItemAction, type OptimisticChange, type RemoteChange, type ResyncApi } from '@/inbox'
import { TabChannelName, type BulkAction, type Notification } from '@/protocol'
import { createTabChannel } from '@/realtime'
import { tidingsContext } from '@/plugin/context'
import { readStored, writeStored } from '@/utils/safeStorage'
import { realtimeSettings } from './realtimeSettings'

export interface NotificationPageQuery extends notificationsApi.NotificationListQuery {
  /** The page, from 1. */
  page: number
  /** Notifications per page. */
  page_size: number
}

export interface NotificationPageResult {
  /** The page's notifications, by id (read them from `byId`), newest first. */
  ids: string[]
  /** How many match the query across all pages. */
  total: number
  /** This page's number. */
  page: number
  /** Notifications per page. */
  page_size: number
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, messageOf(error))
}

/** No answer from our server: the network, or the proxy in front saying the server is down. */
function unreachable(error: unknown): boolean {
  return error instanceof ApiError && [0, 502, 504].includes(error.status)
}

/** A write reached the server ('saved'), or waits for it to be reachable again ('queued'). */
export type WriteResult = 'saved' | 'queued'

/** The server call that makes `change`: one route for one id, the bulk route for several. */
function requestOf(change: ItemAction, init: { keepalive?: boolean } = {}): Promise<unknown> {
  const [id] = change.ids
  if (change.ids.length === 1 && id) {
    switch (change.action) {
      case 'read': return notificationsApi.markRead(id)
      case 'unread': return notificationsApi.markUnread(id)
      case 'archive': return notificationsApi.archive(id)
      case 'unarchive': return notificationsApi.unarchive(id)
      case 'snooze': return notificationsApi.snooze(id, change.until)
      case 'unsnooze': return notificationsApi.unsnooze(id)
      case 'remove': return notificationsApi.remove(id, init)
    }
  }
  if (change.action === 'snooze' || change.action === 'unsnooze')
    return Promise.all(change.ids.map(each => requestOf({ ...change, ids: [each] })))
  const action: BulkAction = change.action === 'remove' ? 'delete' : change.action
  return notificationsApi.bulk(change.ids, action, init)
}

export const useNotificationsStore = defineStore('notifications', () => {
  const settings = realtimeSettings()
  const inbox = createInboxModel({ limit: settings.inboxLimit, fetchUnreadCount: notificationsApi.unreadCount })

  // The model's state as Vue state: set once per batch of changes (a new frozen array each time),
  // so devtools, storeToRefs and $subscribe see the inbox itself.
  const items = shallowRef<Notification[]>(inbox.items)
  const unreadCount = shallowRef(inbox.unreadCount)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const lastSyncedAt = ref<string | null>(null)
  inbox.subscribe(() => {
    items.value = inbox.items
    unreadCount.value = inbox.unreadCount
  })

  // The badge a reload shows before (or without) its first sync: the last count this browser knew for
  // the user, so a failed first request does not make the badge vanish. Marked stale until synced.
  const session = tidingsContext()
  const lastCountKey = () => {
    const user = session.userKey()
    return user ? `tidings-last-unread-${user}` : null
  }
  const remembered = ref<number | null>(null)
  function recallCount(): void {
    const key = lastCountKey()
    const stored = key ? Number.parseInt(readStored(key) ?? '', 10) : Number.NaN
    remembered.value = Number.isInteger(stored) && stored >= 0 ? stored : null
  }
  recallCount()
  /** The count the bell shows: the live one once synced, else the remembered one. */
  const badgeCount = computed(() => (lastSyncedAt.value === null && remembered.value !== null ? Math.max(remembered.value, unreadCount.value) : unreadCount.value))
  /** The badge is a remembered number, not yet confirmed by the server. */
  const countStale = computed(() => lastSyncedAt.value === null && remembered.value !== null)
  watch([unreadCount, lastSyncedAt], ([count, synced]) => {
    const key = lastCountKey()
    if (key && synced)
      writeStored(key, String(count))
  })

  const unreadItems = computed(() => items.value.filter(n => n.status === 'unread'))
  /** What the bell shows: neither done nor snoozed. */
  const inboxItems = computed(() => items.value.filter(inInbox))

  function byId(id: string): Notification | undefined {
    void items.value
    return inbox.get(id)
  }

  /** Every change to the inbox goes through here (frames, tab relays, REST answers, user actions). */
  function apply(event: InboxEvent): void {
    inbox.apply(event)
  }

  /** The document's entry point for a pushed notification; idempotent by id. */
  function addNotification(data: Notification): void {
    inbox.apply({ type: 'arrived', item: data })
  }

  /**
   * The socket's way in, once per frame: `apply` without Pinia's action bookkeeping (an argument copy,
   * two Sets and the $onAction round per call), which cost more than the inbox itself in a burst.
   * Not reactive and not an action: $onAction does not see pushed frames.
   */
  const ingest = markRaw({
    /** Applies one change to the inbox. */
    apply: inbox.apply,
  })

  let syncing: Promise<void> | null = null
  /** A sync asked for while one runs: the running one may have read the server before the news that asked. */
  let queued: Promise<void> | null = null
  /**
   * First page, what was missed beyond it, and the unread count by REST, merged by id
   * (`resyncInbox`); runs on every (re)connect and `resync`. Calls while one runs share one more run after it.
   */
  function sync(): Promise<void> {
    if (!syncing) {
      syncing = runSync().finally(() => {
        syncing = null
      })
      return syncing
    }
    queued ??= syncing.then(() => {
      queued = null
      return sync()
    })
    return queued
  }

  /** Ends the running sync's retries when the socket closes; the next open syncs afresh. */
  let syncRetry: AbortController | null = null
  function stopSyncRetry(): void {
    syncRetry?.abort()
  }

  /** The socket's one-request resync while this tab holds an open WebSocket (set by the socket store). */
  let socketSync: () => ResyncApi['sync'] = () => undefined
  /** The socket store hands over its connection's `sync` (`inboxSyncOf`), read at each resync. */
  function syncOverSocket(provider: () => ResyncApi['sync']): void {
    socketSync = provider
  }

  async function runSync(): Promise<void> {
    loading.value = true
    await sendQueued() // what was changed while away goes first, so the page read next includes it
    const retry = syncRetry = new AbortController()
    try {
      // A failure that passes (network, 5xx, 429/503 after Retry-After) is retried, its error shown meanwhile.
      const onRetry = (retryError: unknown) => { error.value = messageOf(retryError) }
      // The two calls, not the module: a module namespace passed as a value keeps all its exports in a bundle.
      // Over an open socket the resync is one `sync` (REST only when it gets no answer).
      const api = { list: notificationsApi.list, unreadCount: notificationsApi.unreadCount, sync: socketSync() }
      await resyncInbox(inbox, api, { pageSize: settings.syncPageSize, retry: { signal: retry.signal, onRetry } })
      error.value = null
      lastSyncedAt.value = new Date().toISOString()
    }
    catch (syncError) {
      error.value = messageOf(syncError)
    }
    finally {
      loading.value = false
    }
  }

  /** One page for the inbox view, merged into the store; the view renders `ids.map(byId)`. */
  async function fetchPage(query: NotificationPageQuery): Promise<NotificationPageResult> {
    loading.value = true
    try {
      const page = await notificationsApi.list(query)
      inbox.apply({ type: 'page', items: page.items })
      error.value = null
      return { ids: page.items.map(n => n.id), total: page.total, page: page.page, page_size: page.page_size }
    }
    catch (pageError) {
      error.value = messageOf(pageError)
      throw pageError
    }
    finally {
      loading.value = false
    }
  }

  /** What another tab hears after a change made here was confirmed (the server pushes it too: both are idempotent). */
  function remoteChangeOf(change: OptimisticChange): RemoteChange {
    if (change.action === 'read-all')
      return { type: 'read-all' }
    if (change.action === 'read')
      return { type: 'read', ids: change.ids }
    if (change.action === 'remove')
      return { type: 'removed', ids: change.ids }
    return { type: 'updated', items: change.ids.map(id => inbox.get(id)).filter((n): n is Notification => !!n) }
  }

  function confirmed(change: OptimisticChange): void {
    inbox.apply({ type: 'commit', change })
    channel.post(remoteChangeOf(change))
  }

  /** Changes made while the server could not be reached: shown already, sent in order once it answers. */
  const outbox: Array<{ change: OptimisticChange, request: () => Promise<unknown> }> = []
  /** How many changes wait in the outbox. */
  const queuedWrites = ref(0)
  const refusalListeners = new Set<(error: ApiError) => void>()

  function enqueue(change: OptimisticChange, request: () => Promise<unknown>): void {
    outbox.push({ change, request })
    queuedWrites.value = outbox.length
  }

  /**
   * Shows `change` at once and asks the server. Refused: undone, and rejects with ApiError. Server out
   * of reach: kept on screen and queued ('queued'), sent before the next resync; a change made while
   * others wait queues behind them, so they reach the server in the order they were made.
   */
  async function optimistic(change: OptimisticChange, request: () => Promise<unknown>): Promise<WriteResult> {
    inbox.apply({ type: 'begin', change })
    if (outbox.length) {
      enqueue(change, request)
      return 'queued'
    }
    try {
      await request()
      confirmed(change)
      return 'saved'
    }
    catch (requestError) {
      if (unreachable(requestError)) {
        enqueue(change, request)
        return 'queued'
      }
      inbox.apply({ type: 'rollback', change })
      throw asApiError(requestError)
    }
  }

  let replaying: Promise<void> | null = null
  /** Sends the queued changes in order; one the server now refuses is undone and reported. */
  function sendQueued(): Promise<void> {
    replaying ??= (async () => {
      while (outbox.length) {
        const { change, request } = outbox[0]!
        try {
          await request()
          outbox.shift()
          confirmed(change)
        }
        catch (requestError) {
          if (unreachable(requestError))
            break // still away: the rest waits, in order
          outbox.shift()
          inbox.apply({ type: 'rollback', change })
          const refusal = asApiError(requestError)
          refusalListeners.forEach(listener => listener(refusal))
        }
        finally {
          queuedWrites.value = outbox.length
        }
      }
    })().finally(() => {
      replaying = null
    })
    return replaying
  }

  /**
   * Applies a triage action (read, unread, done, snooze, delete… on one id or many) at once and asks
   * the server; rolls back and rejects with ApiError if it refuses. Ids this tab does not hold are
   * sent as they are, and the badge is asked for again.
   */
  async function act(change: ItemAction): Promise<WriteResult> {
    inbox.flush()
    if (!change.ids.length)
      return 'saved'
    if (!change.ids.some(id => inbox.get(id))) {
      await requestOf(change)
      inbox.apply({ type: 'count-stale' })
      return 'saved'
    }
    return optimistic(change, () => requestOf(change))
  }

  /** Marks one read at once; rolls back and rejects with ApiError if the server refuses. */
  async function markRead(id: string): Promise<WriteResult> {
    inbox.flush()
    if (inbox.get(id)?.status === 'read')
      return 'saved'
    return act({ action: 'read', ids: [id] })
  }

  function markAllRead(): Promise<WriteResult> {
    return optimistic({ action: 'read-all' }, () => notificationsApi.markAllRead())
  }

  function remove(id: string): Promise<WriteResult> {
    return act({ action: 'remove', ids: [id] })
  }

  /** Deletions shown already but not yet sent: the undo window is open. */
  const pendingRemovals = new Map<ItemAction, ReturnType<typeof setTimeout>>()

  /**
   * Removes at once on screen, but sends the delete only when `undoMs` have passed (or at once when
   * the page is being left). `undo()` brings the items back and sends nothing.
   */
  function removeLater(ids: string[], undoMs: number): {
    /** Brings the items back; nothing is sent. */
    undo: () => void
    /** Settles once the delete was sent (or undone). */
    done: Promise<void>
  } {
    inbox.flush()
    const change: ItemAction = { action: 'remove', ids }
    inbox.apply({ type: 'begin', change })
    let settle!: () => void
    let fail!: (error: unknown) => void
    const done = new Promise<void>((resolve, reject) => {
      settle = resolve
      fail = reject
    })
    const send = (init: { keepalive?: boolean } = {}) => {
      pendingRemovals.delete(change)
      sendOnLeave.delete(change)
      if (outbox.length) {
        enqueue(change, () => requestOf(change))
        settle()
        return
      }
      requestOf(change, init).then(() => {
        confirmed(change)
        settle()
      }, (requestError: unknown) => {
        if (unreachable(requestError)) {
          enqueue(change, () => requestOf(change))
          settle()
          return
        }
        inbox.apply({ type: 'rollback', change })
        fail(asApiError(requestError))
      })
    }
    pendingRemovals.set(change, setTimeout(send, undoMs))
    sendOnLeave.set(change, () => send({ keepalive: true }))
    return {
      undo() {
        const timer = pendingRemovals.get(change)
        if (timer === undefined)
          return
        clearTimeout(timer)
        pendingRemovals.delete(change)
        sendOnLeave.delete(change)
        inbox.apply({ type: 'rollback', change })
        settle()
      },
      done,
    }
  }

  /** Deletes waiting for their undo window, sent with `keepalive` when the page goes away. */
  const sendOnLeave = new Map<ItemAction, () => void>()
  function sendPendingRemovals(): void {
    for (const [change, send] of [...sendOnLeave]) {
      clearTimeout(pendingRemovals.get(change))
      send()
    }
  }
  globalThis.addEventListener?.('pagehide', sendPendingRemovals)

  /** Applies a `notification_read` push: `{ids}` or `{all: true}`. */
  function applyRead(change: { ids: string[] } | { all: true }): void {
    inbox.apply('all' in change ? { type: 'read-all' } : { type: 'read', ids: change.ids })
  }

  const channel = createTabChannel<RemoteChange>(TabChannelName.Inbox, settings.BroadcastChannel)
  channel.on(apply)

  /** Forgets everything (another user signs in). */
  function reset(): void {
    inbox.apply({ type: 'reset' })
    lastSyncedAt.value = null
    error.value = null
    recallCount()
  }

  watch(() => session.userKey(), (next, previous) => {
    if (next !== previous)
      reset()
  })

  onScopeDispose(() => {
    // A store goes with its page (pagehide sends what waits) or in tests: nothing is sent from here.
    globalThis.removeEventListener?.('pagehide', sendPendingRemovals)
    pendingRemovals.forEach(timer => clearTimeout(timer))
    inbox.dispose()
    channel.close()
  })

  return {
    /** The notifications held, newest first (a new frozen array after each change; never mutate it). */
    items,
    /** The unread ones among them. */
    unreadItems,
    inboxItems,
    /** The server's unread count, kept current by pushes and by what the user does here. */
    unreadCount,
    badgeCount,
    countStale,
    /** The held notification of that id, if any. */
    byId,
    /** Whether a sync is running. */
    loading,
    /** Why the last sync failed, or null. */
    error,
    /** When the inbox was last read from the server (ISO-8601), or null before the first sync. */
    lastSyncedAt,
    /** Applies one change to the inbox (frames, tab relays, REST answers, user actions). */
    apply,
    /** Adds a pushed notification; idempotent by id. */
    addNotification,
    /** The socket's way in: `ingest.apply(event)`, `apply` without Pinia's action bookkeeping. */
    ingest,
    /** Reads the first page, what was missed and the unread count by REST, and merges them. */
    sync,
    /** Ends the running sync's retries (the socket closed). */
    stopSyncRetry,
    /** The socket store hands over its connection's resync here. */
    syncOverSocket,
    /** Reads one page of the inbox view (view, type, search) and keeps it while it is on screen. */
    fetchPage,
    /** Applies a triage action at once and sends it; resolves `sent`, `queued` (offline) or rejects when refused. */
    act,
    /** Changes made while the server was out of reach, waiting to be sent. */
    queuedWrites,
    /** Calls `listener` when a queued change is finally refused by the server (it has been undone). */
    onWriteRefused(listener: (error: ApiError) => void): () => void {
      refusalListeners.add(listener)
      return () => refusalListeners.delete(listener)
    },
    /** Marks one notification read. */
    markRead,
    /** Marks every notification read. */
    markAllRead,
    /** Deletes one notification. */
    remove,
    /** Removes at once on screen and sends the delete after `undoMs`, unless `undo()` is called first. */
    removeLater,
    /** Applies a `notification_read` push: `{ids}` or `{all: true}`. */
    applyRead,
    /** Calls `listener` once per genuinely new live notification; returns an unsubscribe. */
    onArrival: inbox.onArrival,
    /** Forgets everything (another user signs in). */
    reset,
    /** Applies arrivals waiting for the next frame now (tests, and before reading after a burst). */
    flush: inbox.flush,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useNotificationsStore, import.meta.hot))
