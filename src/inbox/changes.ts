// What each triage action does to one notification, as the server does it (SPEC §3.2), so the app can
// show it before the server answers; and what counts toward the badge.
import type { Notification } from '@/protocol'

/** An action the user takes on some notifications (one row, or a bulk selection). */
export type ItemAction =
  | {
    /** Mark read or unread, done (`archive`) or not, end a snooze, or delete. */
    action: 'read' | 'unread' | 'archive' | 'unarchive' | 'unsnooze' | 'remove'
    /** The notifications it applies to. */
    ids: string[]
  }
  | {
    /** Hide from the inbox until `until`. */
    action: 'snooze'
    /** The notifications it applies to. */
    ids: string[]
    /** When they come back (ISO-8601). */
    until: string
  }

/**
 * In the inbox: not done and not snoozed. The server ends a snooze by clearing `snoozed_until` (and
 * pushing the item), so the app never compares its clock with the snooze's end.
 */
export function inInbox(item: Notification): boolean {
  return !item.archived && item.snoozed_until == null
}

/** Whether the badge counts it: unread and in the inbox. */
export function countsAsUnread(item: Notification | undefined): boolean {
  return !!item && item.status === 'unread' && inInbox(item)
}

/** The notification after `change`, or null when the change deletes it. */
export function changed(item: Notification, change: ItemAction): Notification | null {
  switch (change.action) {
    case 'read':
    case 'unread':
      return { ...item, status: change.action }
    case 'archive':
      return { ...item, archived: true, status: 'read', snoozed_until: null }
    case 'unarchive':
      return { ...item, archived: false }
    case 'snooze':
      return { ...item, snoozed_until: change.until, archived: false }
    case 'unsnooze':
      return { ...item, snoozed_until: null, status: 'unread' }
    case 'remove':
      return null
  }
}

/**
 * The actions that undo `change` on items that were `before` (a delete is undone by not sending it,
 * so it has none): each field the change moved goes back, for the ids whose field it moved.
 */
export function undoOf(change: ItemAction, before: readonly Notification[]): ItemAction[] {
  const ids = (keep: (item: Notification) => boolean) => before.filter(keep).map(item => item.id)
  const undo: ItemAction[] = []
  const add = (action: Exclude<ItemAction['action'], 'snooze'>, matching: string[]) => {
    if (matching.length)
      undo.push({ action, ids: matching })
  }
  switch (change.action) {
    case 'read':
      add('unread', ids(item => item.status === 'unread'))
      break
    case 'unread':
      add('read', ids(item => item.status === 'read'))
      break
    case 'archive':
      add('unarchive', ids(item => !item.archived))
      add('unread', ids(item => item.status === 'unread'))
      break
    case 'unarchive':
      add('archive', ids(item => item.archived))
      break
    case 'snooze':
    case 'unsnooze':
      // Back to the inbox as it was: a snooze is undone by ending it, keeping the item's read state.
      add('unsnooze', ids(item => item.snoozed_until == null))
      add('read', ids(item => item.snoozed_until == null && item.status === 'read'))
      break
    case 'remove':
      break
  }
  return undo
}
