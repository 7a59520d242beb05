// Triage calls (SPEC §3.2) as a client makes them, for tests that check what they store and push.
import { Paths, type Notification, type NotificationPage, type NotificationView } from '../../../src/protocol'
import { notificationInput } from './factories'
import { api, type ApiResult, type Node } from './server'

/** Creates a notification for the token's own user and returns it. */
export async function createFor(node: Node, token: string, overrides: Parameters<typeof notificationInput>[0] = {}): Promise<Notification> {
  const result = await api<Notification>(node, 'POST', Paths.notifications, { token, body: notificationInput(overrides) })
  if (result.status !== 201)
    throw new Error(`creating a notification failed: ${result.status} ${result.body.message}`)
  return result.body.data!
}

/** POSTs to a triage path (unread, archive, snooze…) with an optional body. */
export function triage<T = Notification>(node: Node, token: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  return api<T>(node, 'POST', path, { token, body })
}

export async function unreadCountOf(node: Node, token: string): Promise<number> {
  const result = await api<{ count: number }>(node, 'GET', Paths.unreadCount, { token })
  if (result.status !== 200)
    throw new Error(`unread_count answered ${result.status}`)
  return result.body.data!.count
}

/** The ids a view lists (newest first), with an optional extra query such as `&q=…`. */
export async function idsIn(node: Node, token: string, view: NotificationView, extra = ''): Promise<string[]> {
  const result = await api<NotificationPage>(node, 'GET', `${Paths.notifications}?view=${view}&page_size=100${extra}`, { token })
  if (result.status !== 200)
    throw new Error(`listing ${view} answered ${result.status}: ${result.body.message}`)
  return result.body.data!.items.map(item => item.id)
}

/** An ISO time `ms` from now. */
export function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString()
}
