// Every change the inbox model accepts, as data: what the server pushed, what another tab relayed,
// what a REST answer said, and the three steps of a change the user made here.
import { MessageType, UpdateReason, type Notification, type NotificationChannelMessage } from '@/protocol'
import type { ItemAction } from './changes'
import type { CountWindow } from './unreadCount'

/** A change the user makes here, shown at once and confirmed (or refused) by the server later. */
export type OptimisticChange = ItemAction | {
  /** Every notification read. */
  action: 'read-all'
}

/** A change made elsewhere (a server push or another tab): the same shape travels between tabs. */
export type RemoteChange =
  | {
    /** Notifications were read. */
    type: 'read'
    /** Which. */
    ids: string[]
  }
  | {
    /** Every notification was read. */
    type: 'read-all'
  }
  | {
    /** Notifications were deleted. */
    type: 'removed'
    /** Which. */
    ids: string[]
  }
  | {
    /** Notifications changed (a triage action, or a snooze that ended). */
    type: 'updated'
    /** The items as they now are. */
    items: Notification[]
    /** Their snooze ended, so they arrive again. */
    woke?: boolean
  }

export type InboxEvent =
  | {
    /** A live push; arrivals are applied together once per animation frame. */
    type: 'arrived'
    /** The notification that arrived. */
    item: Notification
  }
  | RemoteChange
  | {
    /** The resync's first page (and what was missed) and the unread count fetched beside it. */
    type: 'synced'
    /** The first page and the missed items. */
    items: Notification[]
    /** How many the server stores; absent when only the missed ones were read. */
    total?: number
    /** The server's unread count. */
    count: number
    /** Opened before both requests, to tell which changes the count already holds. */
    window: CountWindow
  }
  | {
    /** A page the inbox view shows: merged, and kept in memory while it is on screen. */
    type: 'page'
    /** The page's notifications. */
    items: Notification[]
  }
  | {
    /** The server's unread count. */
    type: 'count'
    /** The count. */
    count: number
    /** Opened before the request, to tell which changes the count already holds. */
    window: CountWindow
  }
  | {
    /** The count may have moved in a way we cannot see (a change to an item we do not hold). */
    type: 'count-stale'
  }
  | {
    /** A change made here: shown (`begin`), confirmed by the server (`commit`) or undone (`rollback`). */
    type: 'begin' | 'commit' | 'rollback'
    /** The change. */
    change: OptimisticChange
  }
  | {
    /** Another user signs in: forget everything. */
    type: 'reset'
  }

/** The inbox event a frame of the notification channel carries, or null for frames about anything else. */
export function inboxEventOf(message: NotificationChannelMessage): InboxEvent | null {
  switch (message.type) {
    case MessageType.Notification:
      return { type: 'arrived', item: message.data }
    case MessageType.NotificationRead:
      return 'all' in message.data ? { type: 'read-all' } : { type: 'read', ids: message.data.ids }
    case MessageType.NotificationUpdated:
      return { type: 'updated', items: message.data.items, woke: message.data.reason === UpdateReason.SnoozeEnded }
    case MessageType.NotificationDeleted:
      return { type: 'removed', ids: message.data.ids }
    default:
      return null
  }
}
