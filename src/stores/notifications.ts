import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { ApiError } from '@/api/http'
import * as notificationsApi from '@/api/notifications'
import { TabChannelName, type Notification } from '@/protocol'
import { createTabChannel } from '@/realtime'
import { createArrivals } from './arrivals'
import { useAuthStore } from './auth'
import { Inbox } from './inbox'
import { realtimeSettings } from './realtimeSettings'
import { createUnreadCounter } from './unreadCounter'

export interface NotificationPageQuery extends notificationsApi.NotificationListQuery {
  page: number
  page_size: number
}

export interface NotificationPageResult {
  ids: string[]
  total: number
  page: number
  page_size: number
}

/** Read-state changes one tab tells the others (the server's own pushes reach them too; both are idempotent). */
type InboxRelay =
  | { kind: 'read', ids: string[] }
  | { kind: 'read-all' }
  | { kind: 'removed', id: string }

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export const useNotificationsStore = defineStore('notifications', () => {
  const settings = realtimeSettings()
  const inbox = new Inbox(settings.inboxLimit)
  /** Bumped once per batch of changes: the only thing Vue tracks about the inbox. */
  const version = shallowRef(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const lastSyncedAt = ref<string | null>(null)
  const counter = createUnreadCounter(notificationsApi.unreadCount)
  const unreadCount = counter.count

  const items = computed<Notification[]>(() => {
    void version.value
    return inbox.sorted()
  })
  const unreadItems = computed(() => items.value.filter(n => n.status === 'unread'))

  function byId(id: string): Notification | undefined {
    void version.value
    return inbox.get(id)
  }

  function commit(): void {
    version.value += 1
  }

  // Live arrivals land once per animation frame (see arrivals.ts).
  const arrivals = createArrivals(inbox, (fresh) => {
    counter.addArrivals(fresh.filter(n => n.status === 'unread').map(n => n.id))
    commit()
  })

  /** The document's entry point for a pushed notification; idempotent by id. */
  function addNotification(data: Notification): void {
    arrivals.add(data)
  }

  // ---- REST ------------------------------------------------------------------------------------
  /** Ids with an optimistic change in flight: a REST page must not overwrite them. */
  const inFlight = new Set<string>()

  /**
   * Merges REST items by id. Returns how the unread count moves: an item we hold that the server
   * now shows with another read state is a change we missed (its push was lost while away).
   */
  function merge(list: Notification[]): number {
    let unreadDelta = 0
    for (const item of list) {
      if (inFlight.has(item.id))
        continue
      const previous = inbox.put(item)
      if (previous && previous.status !== item.status)
        unreadDelta += item.status === 'unread' ? 1 : -1
      arrivals.remember(item.id)
    }
    inbox.evict()
    return unreadDelta
  }

  let syncing: Promise<void> | null = null
  /** A sync asked for while one runs: the running one may have read the server before the news that asked. */
  let queued: Promise<void> | null = null
  /**
   * First page and unread count by REST, merged by id; runs on every (re)connect and `resync`. Calls
   * while one runs share one more run after it.
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

  async function runSync(): Promise<void> {
    loading.value = true
    arrivals.flush() // arrivals already here are surely in the server's count
    const window = counter.openWindow()
    try {
      const [page, count] = await Promise.all([
        notificationsApi.list({ page: 1, page_size: settings.syncPageSize }),
        notificationsApi.unreadCount(),
      ])
      arrivals.flush()
      merge(page.items) // the count below is absolute: no adjustment needed
      commit()
      counter.setStored(page.total)
      counter.applyServerCount(count, window, new Set(page.items.map(n => n.id)))
      error.value = null
      lastSyncedAt.value = new Date().toISOString()
    }
    catch (syncError) {
      error.value = messageOf(syncError)
    }
    finally {
      counter.closeWindow(window)
      loading.value = false
    }
  }

  /** One page for the inbox view, merged into the store; the view renders `ids.map(byId)`. */
  async function fetchPage(query: NotificationPageQuery): Promise<NotificationPageResult> {
    loading.value = true
    try {
      const page = await notificationsApi.list(query)
      arrivals.flush()
      counter.adjust(merge(page.items))
      const ids = page.items.map(n => n.id)
      inbox.pin(ids)
      commit()
      error.value = null
      return { ids, total: page.total, page: page.page, page_size: page.page_size }
    }
    catch (pageError) {
      error.value = messageOf(pageError)
      throw pageError
    }
    finally {
      loading.value = false
    }
  }

  /** Runs an optimistic change: `apply` now, `request` to confirm, `rollback` when it fails. */
  async function optimistic(ids: string[], apply: () => void, request: () => Promise<unknown>, rollback: () => void, relay: InboxRelay): Promise<void> {
    arrivals.flush()
    ids.forEach(id => inFlight.add(id))
    counter.beginChange()
    apply()
    commit()
    try {
      await request()
      channel.post(relay)
    }
    catch (requestError) {
      rollback()
      commit()
      throw requestError instanceof ApiError ? requestError : new ApiError(0, messageOf(requestError))
    }
    finally {
      ids.forEach(id => inFlight.delete(id))
      counter.endChange()
    }
  }

  /** Marks one read at once; rolls back and rejects with ApiError if the server refuses. */
  async function markRead(id: string): Promise<void> {
    arrivals.flush()
    const item = inbox.get(id)
    if (item?.status === 'read')
      return
    if (!item) {
      await notificationsApi.markRead(id)
      void counter.refresh()
      return
    }
    await optimistic([id], () => {
      inbox.setStatus(id, 'read')
      counter.adjust(-1)
    }, () => notificationsApi.markRead(id), () => {
      if (inbox.setStatus(id, 'unread') === 'read')
        counter.adjust(1)
    }, { kind: 'read', ids: [id] })
  }

  async function markAllRead(): Promise<void> {
    arrivals.flush()
    const unread = inbox.unreadIds()
    const before = unreadCount.value
    await optimistic(unread, () => {
      unread.forEach(id => inbox.setStatus(id, 'read'))
      counter.adjust(-before)
    }, () => notificationsApi.markAllRead(), () => {
      unread.forEach(id => inbox.setStatus(id, 'unread'))
      counter.adjust(before)
    }, { kind: 'read-all' })
  }

  async function remove(id: string): Promise<void> {
    arrivals.flush()
    const item = inbox.get(id)
    if (!item) {
      await notificationsApi.remove(id)
      return
    }
    await optimistic([id], () => {
      inbox.delete(id)
      if (item.status === 'unread')
        counter.adjust(-1)
    }, () => notificationsApi.remove(id), () => {
      inbox.put(item)
      if (item.status === 'unread')
        counter.adjust(1)
    }, { kind: 'removed', id })
  }

  // ---- read state changed elsewhere (server push or another tab) ------------------------------
  /** Applies a `notification_read` push: `{ids}` or `{all: true}`. */
  function applyRead(change: { ids: string[] } | { all: true }): void {
    arrivals.flush()
    if ('all' in change) {
      inbox.unreadIds().forEach(id => inbox.setStatus(id, 'read'))
      counter.set(0)
    }
    else {
      let unknown = false
      for (const id of change.ids) {
        const previous = inbox.setStatus(id, 'read')
        if (previous === 'unread')
          counter.adjust(-1)
        else if (previous === undefined)
          unknown = true
      }
      if (unknown)
        void counter.refresh() // we cannot know whether an id we do not hold was unread
    }
    commit()
  }

  function removeLocally(id: string): void {
    arrivals.flush()
    const item = inbox.delete(id)
    if (item?.status === 'unread')
      counter.adjust(-1)
    commit()
  }

  const channel = createTabChannel<InboxRelay>(TabChannelName.Inbox, settings.BroadcastChannel)
  channel.on((message) => {
    if (message.kind === 'read')
      applyRead({ ids: message.ids })
    else if (message.kind === 'read-all')
      applyRead({ all: true })
    else if (message.kind === 'removed')
      removeLocally(message.id)
  })

  /** Forgets everything (another user signs in). */
  function reset(): void {
    arrivals.reset()
    for (const id of inbox.sorted().map(n => n.id))
      inbox.delete(id)
    counter.set(0)
    lastSyncedAt.value = null
    error.value = null
    commit()
  }

  const auth = useAuthStore()
  watch(() => auth.username, (next, previous) => {
    if (next !== previous)
      reset()
  })

  onScopeDispose(() => {
    arrivals.dispose()
    channel.close()
    counter.dispose()
  })

  return {
    items,
    unreadItems,
    unreadCount,
    byId,
    loading,
    error,
    lastSyncedAt,
    addNotification,
    sync,
    fetchPage,
    markRead,
    markAllRead,
    remove,
    applyRead,
    /** Calls `listener` once per genuinely new live notification; returns an unsubscribe. */
    onArrival: arrivals.onArrival,
    reset,
    /** Applies arrivals waiting for the next frame now (tests, and before reading after a burst). */
    flush: arrivals.flush,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useNotificationsStore, import.meta.hot))
