// The inbox as a headless composable: what a custom bell or inbox page needs, backed by the
// notifications store (one inbox per app, shared by every caller).
import { computed, ref, type ComputedRef } from 'vue'
import type { ItemAction } from '../inbox'
import type { Notification } from '../protocol'
import { useNotificationsStore, type WriteResult } from '../stores/notifications'

export interface UseNotificationsOptions {
  /** How many older notifications `loadMore()` reads at a time. @default 20 */
  pageSize?: number
}

export interface UseNotificationsReturn {
  /** The notifications held (pushed, synced and loaded), newest first. */
  items: ComputedRef<readonly Notification[]>
  /** Unread notifications in the inbox, as the server counts them. */
  unreadCount: ComputedRef<number>
  /** A page is being read. */
  loading: ComputedRef<boolean>
  /** Why the last read failed, or null. */
  error: ComputedRef<string | null>
  /** Whether `loadMore()` may find older notifications. */
  hasMore: ComputedRef<boolean>
  /** Reads the next older page and merges it into `items`. */
  loadMore: () => Promise<void>
  /** Marks one read at once; rolls back and rejects with ApiError if the server refuses. */
  markRead: (id: string) => Promise<WriteResult>
  /** Marks every notification read. */
  markAllRead: () => Promise<WriteResult>
  /** Deletes one (at once; rolled back if the server refuses). */
  remove: (id: string) => Promise<WriteResult>
  /** Any triage action on one id or many (read, unread, archive, unarchive, snooze, unsnooze, remove). */
  act: (change: ItemAction) => Promise<WriteResult>
  /** Calls `listener` once per genuinely new live notification; returns an unsubscribe. */
  onArrival: (listener: (item: Notification) => void) => () => void
}

/** The signed-in user's notifications and what can be done with them. */
export function useNotifications(options: UseNotificationsOptions = {}): UseNotificationsReturn {
  const { pageSize = 20 } = options
  const store = useNotificationsStore()
  const total = ref<number | null>(null)
  const pagesRead = ref<number | null>(null)

  async function loadMore(): Promise<void> {
    // Pages count from the newest; those the first sync brought are not read again.
    const read = pagesRead.value ?? Math.floor(store.items.length / pageSize)
    const page = await store.fetchPage({ page: read + 1, page_size: pageSize })
    pagesRead.value = read + 1
    total.value = page.total
  }

  return {
    items: computed(() => store.items),
    unreadCount: computed(() => store.unreadCount),
    loading: computed(() => store.loading),
    error: computed(() => store.error),
    hasMore: computed(() => total.value === null || (pagesRead.value ?? 0) * pageSize < total.value),
    loadMore,
    markRead: store.markRead,
    markAllRead: store.markAllRead,
    remove: store.remove,
    act: store.act,
    onArrival: store.onArrival,
  }
}
