// The badge's number alone: what a custom bell needs, without the list.
import { computed, type ComputedRef } from 'vue'
import { useNotificationsStore } from '../stores/notifications'

export interface UseUnreadCountReturn {
  /** Unread notifications in the inbox; before the first sync, the last count this browser knew. */
  count: ComputedRef<number>
  /** `count` is a remembered number the server has not confirmed yet (show it as possibly out of date). */
  stale: ComputedRef<boolean>
}

/** The signed-in user's unread count, live. */
export function useUnreadCount(): UseUnreadCountReturn {
  const store = useNotificationsStore()
  return {
    count: computed(() => store.badgeCount),
    stale: computed(() => store.countStale),
  }
}
