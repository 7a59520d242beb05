// Notification changes that users see live: each is written to storage first, then pushed through the
// hub, so a client that was away finds it on its next sync and a live one gets it at once.
import { notificationDeletedMessage, notificationMessage, notificationReadMessage, type Notification } from '../src/protocol'
import { OutboundEvent, type Hub } from './hub'
import type { NewNotification, NotificationStore } from './storage/notifications'

export interface Notifier {
  /** Stores one notification per recipient, then pushes each to its owner's sockets and streams. */
  notify: (userIds: string[], input: NewNotification) => Promise<Notification[]>
  /** Marks one read and tells all the user's clients; false when the user has no such notification. */
  markRead: (userId: string, id: string) => Promise<boolean>
  /** Marks all read and tells all the user's clients; returns how many changed. */
  markAllRead: (userId: string) => Promise<number>
  /** Deletes one and tells all the user's clients (`notification_deleted`); false when the user has no such notification. */
  remove: (userId: string, id: string) => Promise<boolean>
}

export function createNotifier(store: NotificationStore, hub: Hub): Notifier {
  return {
    async notify(userIds, input) {
      const created = await store.create(userIds, input)
      created.forEach((notification, index) => {
        hub.publish(userIds[index], new OutboundEvent(notificationMessage(notification), notification.id))
      })
      return created
    },

    async markRead(userId, id) {
      if (!await store.markRead(userId, id))
        return false
      hub.publish(userId, new OutboundEvent(notificationReadMessage([id])))
      return true
    },

    async markAllRead(userId) {
      const updated = await store.markAllRead(userId)
      // Pushed even when nothing changed: clients apply it idempotently, and every tab ends in the same state.
      hub.publish(userId, new OutboundEvent(notificationReadMessage('all')))
      return updated
    },

    async remove(userId, id) {
      if (!await store.remove(userId, id))
        return false
      hub.publish(userId, new OutboundEvent(notificationDeletedMessage([id])))
      return true
    },
  }
}
