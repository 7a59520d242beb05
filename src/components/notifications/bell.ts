import type { Notification } from '@/protocol'

export type BellTab = 'unread' | 'all'

/** What the bell, and the menu it loads on first use, tell their parent. */
export interface BellEvents {
  open: [notification: Notification]
  markRead: [notification: Notification]
  markAllRead: []
  viewAll: []
  retry: []
}
