import {
  BROADCAST_RECIPIENT,
  Routes,
  type BroadcastResult,
  type CreateNotificationRequest,
  type Notification,
  type NotificationPage,
  type NotificationStatus,
  type NotificationType,
} from '@/protocol'
import { callRoute } from './http'

export interface NotificationListQuery {
  status?: NotificationStatus
  type?: NotificationType
  page?: number
  page_size?: number
}

export function list(query: NotificationListQuery = {}, init: { signal?: AbortSignal } = {}): Promise<NotificationPage> {
  return callRoute(Routes.listNotifications, { query: { ...query }, ...init })
}

export async function unreadCount(): Promise<number> {
  return (await callRoute(Routes.unreadCount)).count
}

/** Resolves to the notification as now stored (read). */
export function markRead(id: string): Promise<Notification> {
  return callRoute(Routes.markRead, { params: { id } })
}

/** Returns how many notifications changed. */
export async function markAllRead(): Promise<number> {
  return (await callRoute(Routes.readAll)).updated
}

export function remove(id: string): Promise<null> {
  return callRoute(Routes.deleteNotification, { params: { id } })
}

/** One recipient: the notification; every user (`user: "*"`): `{count, items}`. */
export function create(body: CreateNotificationRequest & { user: typeof BROADCAST_RECIPIENT }): Promise<BroadcastResult>
export function create(body: CreateNotificationRequest): Promise<Notification>
export function create(body: CreateNotificationRequest): Promise<Notification | BroadcastResult> {
  return callRoute(Routes.createNotification, { json: body })
}
