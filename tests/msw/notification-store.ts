// The server's NotificationStore interface over the msw inboxes (db.ts), so the server's notification
// handlers and notifier run unchanged behind msw. The inboxes stay in memory rather than in the
// server's SQLite storage because tests name notifications by their fixtures (ids `n-1`…, fixed
// created_at, a status): the server's storage would number and date them itself.
import type { NotificationStore } from '../../mock-server/storage/notifications'
import { notification as notificationFixture } from './fixtures'
import { inboxOf, storeNotification } from './db'

export const inboxStore: NotificationStore = {
  create: (userIds, input) => userIds.map(userId => storeNotification(userId, notificationFixture({ ...input, status: 'unread' }))),

  list(userId, { status, type, page, pageSize }) {
    const filtered = inboxOf(userId).filter(n => (!status || n.status === status) && (!type || n.type === type))
    return { items: filtered.slice((page - 1) * pageSize, page * pageSize), total: filtered.length, page, page_size: pageSize }
  },

  get: (userId, id) => inboxOf(userId).find(n => n.id === id) ?? null,

  unreadCount: userId => inboxOf(userId).filter(n => n.status === 'unread').length,

  markRead(userId, id) {
    const item = inboxOf(userId).find(n => n.id === id)
    if (item)
      item.status = 'read'
    return item !== undefined
  },

  markAllRead(userId) {
    const unread = inboxOf(userId).filter(n => n.status === 'unread')
    unread.forEach((n) => { n.status = 'read' })
    return unread.length
  },

  remove(userId, id) {
    const inbox = inboxOf(userId)
    const index = inbox.findIndex(n => n.id === id)
    if (index >= 0)
      inbox.splice(index, 1)
    return index >= 0
  },

  // Last-Event-ID replay is not served by the msw stream.
  after: () => [],
}
