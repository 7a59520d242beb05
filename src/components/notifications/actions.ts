// What a user can do to notifications from any row, list or menu. The app shell provides these
// once; a page or menu may wrap some of them for its descendants (the bell closes itself before
// opening an item, the inbox page reloads its page after a delete). Rows call them directly, so no
// event has to climb through the components between a row and the shell.
import { inject, provide, type InjectionKey } from 'vue'
import type { Notification } from '@/protocol'

export interface NotificationActions {
  /** Marks it read and follows its link (in-app paths and http(s) only). */
  open: (notification: Notification) => void
  /** Marks it read. */
  markRead: (notification: Notification) => void
  /** Marks every notification read. */
  markAllRead: () => void
  /** Read ↔ unread. */
  toggleRead: (notification: Notification) => void
  /** Done: out of the inbox (archived and read), with Undo. */
  done: (notification: Notification) => void
  /** Back to the inbox from Done or Snoozed. */
  restore: (notification: Notification) => void
  /** Hidden until `until`, then back unread. */
  snooze: (notification: Notification, until: Date) => void
  /** Asks the user for a date and time to snooze until. */
  pickSnooze: (notification: Notification) => void
  /** Deleted after an Undo window. */
  remove: (notification: Notification) => void
  /** Loads again after a failed load. */
  retry: () => void
  /** Goes to the inbox page (its Unread view when `unreadOnly`). */
  viewAll: (options?: { unreadOnly?: boolean }) => void
}

/** Exported for tests and embedders that provide the actions without a component (`app.provide`). */
export const NotificationActionsKey: InjectionKey<NotificationActions> = Symbol('notification actions')

/** Provides `actions` to every notification component below; `overrides` replace some of the inherited ones. */
export function provideNotificationActions(overrides: Partial<NotificationActions>): NotificationActions {
  const inherited = inject(NotificationActionsKey, null)
  const actions = { ...inherited, ...overrides } as NotificationActions
  provide(NotificationActionsKey, actions)
  return actions
}

export function useNotificationActions(): NotificationActions {
  const actions = inject(NotificationActionsKey, null)
  if (!actions)
    throw new Error('notification components need provideNotificationActions() in an ancestor')
  return actions
}
