// The inbox page's views (SPEC §3.4) and which notifications belong in each.
import { inInbox } from '@/inbox'
import type { Notification } from '@/protocol'

/** The server's views, with Unread as the inbox's unread ones. */
export const INBOX_VIEWS = ['inbox', 'unread', 'snoozed', 'done'] as const
export type InboxView = (typeof INBOX_VIEWS)[number]

/** Whether a notification belongs in `view` (a row marked done in the Inbox view leaves it at once). */
export function belongsTo(view: InboxView, notification: Notification): boolean {
  switch (view) {
    case 'inbox': return inInbox(notification)
    case 'unread': return inInbox(notification) && notification.status === 'unread'
    case 'snoozed': return notification.snoozed_until != null && !notification.archived
    case 'done': return notification.archived
  }
}
