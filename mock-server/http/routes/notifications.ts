// The notifications REST API of SPEC §1.4. A user only ever sees their own notifications: another
// user's id is answered exactly like an unknown one (404).
import { BROADCAST_RECIPIENT } from '../../../src/protocol'
import { HttpError } from '../envelope'
import { notificationQueryOf } from '../notification-query'
import { route, type ServerRoute } from '../router'
import { handleStream } from '../sse'

function notFound(id: string): HttpError {
  return new HttpError(404, `notification ${id} not found`)
}

export const notificationRoutes: ServerRoute[] = [
  route('listNotifications', async ({ ctx, url, authenticate }) => {
    const { user } = await authenticate()
    return { data: await ctx.notifications.list(user.id, notificationQueryOf(url)) }
  }),
  route('unreadCount', async ({ ctx, authenticate }) => {
    const { user } = await authenticate()
    return { data: { count: await ctx.notifications.unreadCount(user.id) } }
  }),
  route('stream', handleStream),
  route('createNotification', async ({ ctx, body, authenticate }) => {
    const { user } = await authenticate()
    const { user: recipient = user.id, ...input } = await body()
    if (recipient !== user.id && user.role !== 'admin')
      throw new HttpError(403, 'only admins may notify other users')
    if (recipient === BROADCAST_RECIPIENT) {
      const created = await ctx.notifier.notify(await ctx.users.everyone(), input)
      return { status: 201, data: { count: created.length, items: created }, message: `sent to ${created.length} users` }
    }
    if (!ctx.users.has(recipient))
      throw new HttpError(404, `user ${recipient} not found`)
    const [created] = await ctx.notifier.notify([recipient], input)
    return { status: 201, data: created, message: 'created' }
  }),
  route('readAll', async ({ ctx, authenticate }) => {
    const { user } = await authenticate()
    return { data: { updated: await ctx.notifier.markAllRead(user.id) } }
  }),
  route('getNotification', async ({ ctx, params, authenticate }) => {
    const { user } = await authenticate()
    const notification = await ctx.notifications.get(user.id, params.id)
    if (!notification)
      throw notFound(params.id)
    return { data: notification }
  }),
  route('markRead', async ({ ctx, params, authenticate }) => {
    const { user } = await authenticate()
    const notification = await ctx.notifier.markRead(user.id, params.id) ? await ctx.notifications.get(user.id, params.id) : null
    if (!notification)
      throw notFound(params.id)
    return { data: notification, message: 'marked read' }
  }),
  route('deleteNotification', async ({ ctx, params, authenticate }) => {
    const { user } = await authenticate()
    if (!await ctx.notifier.remove(user.id, params.id))
      throw notFound(params.id)
    return { data: null, message: 'deleted' }
  }),
]
