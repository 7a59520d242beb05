// The triage routes of SPEC §3.2: unread, done (archive), unarchive, snooze, unsnooze and bulk. Like the
// rest of the notifications API, another user's id is answered exactly like an unknown one (404), and
// skipped (not counted) in a bulk request.
import type { Notification } from '../../../src/protocol'
import type { ServerContext } from '../../context'
import { HttpError } from '../envelope'
import { route, type RouteHandler, type ServerRoute } from '../router'

type SingleActionRoute = 'markUnread' | 'archive' | 'unarchive' | 'unsnooze'
type SingleAction = (ctx: ServerContext, userId: string, id: string) => Promise<Notification | null>

/** A route acting on one of the caller's notifications, answering it as it now is. */
function single(name: SingleActionRoute, act: SingleAction, message: string): ServerRoute {
  const handler: RouteHandler<SingleActionRoute> = async ({ ctx, params, authenticate }) => {
    const { user } = await authenticate()
    const notification = await act(ctx, user.id, params.id)
    if (!notification)
      throw new HttpError(404, `notification ${params.id} not found`)
    return { data: notification, message }
  }
  return route(name, handler)
}

export const triageRoutes: ServerRoute[] = [
  route('bulk', async ({ ctx, body, authenticate }) => {
    const { user } = await authenticate()
    const { ids, action } = await body()
    const updated = await ctx.triage.bulk(user.id, ids, action)
    return { data: { updated }, message: `${action}: ${updated} of ${ids.length}` }
  }),
  single('markUnread', (ctx, userId, id) => ctx.triage.markUnread(userId, id), 'marked unread'),
  single('archive', (ctx, userId, id) => ctx.triage.archive(userId, id), 'done'),
  single('unarchive', (ctx, userId, id) => ctx.triage.unarchive(userId, id), 'back in the inbox'),
  route('snooze', async ({ ctx, params, body, authenticate }) => {
    const { user } = await authenticate()
    const { until } = await body()
    const notification = await ctx.triage.snooze(user.id, params.id, Date.parse(until))
    if (!notification)
      throw new HttpError(404, `notification ${params.id} not found`)
    return { data: notification, message: `snoozed until ${notification.snoozed_until}` }
  }),
  single('unsnooze', (ctx, userId, id) => ctx.triage.unsnooze(userId, id), 'back in the inbox, unread'),
]
