import {
  BROADCAST_RECIPIENT,
  NotificationRoutes,
  type BroadcastResult,
  type BulkAction,
  type CreateNotificationRequest,
  type Notification,
  type NotificationPage,
  type NotificationStatus,
  type NotificationType,
  type NotificationView,
} from '@/protocol'
import { callRoute } from './http'

export interface NotificationListQuery {
  /** Which part of the inbox (server default: `inbox`). */
  view?: NotificationView
  /** Matches title or content, case-insensitively (at most 100 characters). */
  q?: string
  /** Only read or only unread ones. */
  status?: NotificationStatus
  /** Only this notification type. */
  type?: NotificationType
  /** The page, from 1 (server default: 1). */
  page?: number
  /** Notifications per page (server default: 20). */
  page_size?: number
  /** v1.3: only notifications newer than this id (the newest the client holds). */
  after_id?: string
}

export function list(query: NotificationListQuery = {}, init: { signal?: AbortSignal } = {}): Promise<NotificationPage> {
  return callRoute(NotificationRoutes.listNotifications, { query: { ...query }, ...init })
}

export async function unreadCount(): Promise<number> {
  return (await callRoute(NotificationRoutes.unreadCount)).count
}

/** Resolves to the notification as now stored (read). */
export function markRead(id: string): Promise<Notification> {
  return callRoute(NotificationRoutes.markRead, { params: { id } })
}

/** Returns how many notifications changed. */
export async function markAllRead(): Promise<number> {
  return (await callRoute(NotificationRoutes.readAll)).updated
}

/** `keepalive`: the request outlives the page (a delete sent as the page is left). */
export function remove(id: string, init: { keepalive?: boolean } = {}): Promise<null> {
  return callRoute(NotificationRoutes.deleteNotification, { params: { id }, ...init })
}

export function markUnread(id: string): Promise<Notification> {
  return callRoute(NotificationRoutes.markUnread, { params: { id } })
}

/** Done: archived and read. */
export function archive(id: string): Promise<Notification> {
  return callRoute(NotificationRoutes.archive, { params: { id } })
}

export function unarchive(id: string): Promise<Notification> {
  return callRoute(NotificationRoutes.unarchive, { params: { id } })
}

/** Hidden until `until` (ISO-8601, in the future, at most 30 days ahead). */
export function snooze(id: string, until: string): Promise<Notification> {
  return callRoute(NotificationRoutes.snooze, { params: { id }, json: { until } })
}

export function unsnooze(id: string): Promise<Notification> {
  return callRoute(NotificationRoutes.unsnooze, { params: { id } })
}

/** One action on up to 100 notifications; resolves to how many of them changed. */
export async function bulk(ids: string[], action: BulkAction, init: { keepalive?: boolean } = {}): Promise<number> {
  return (await callRoute(NotificationRoutes.bulk, { json: { ids, action }, ...init })).updated
}

/** Each resolves to the notification as now stored. */
/** One recipient: the notification; every user (`user: "*"`): `{count, items}`. */
export function create(body: CreateNotificationRequest & { user: typeof BROADCAST_RECIPIENT }): Promise<BroadcastResult>
export function create(body: CreateNotificationRequest): Promise<Notification>
export function create(body: CreateNotificationRequest): Promise<Notification | BroadcastResult> {
  return callRoute(NotificationRoutes.createNotification, { json: body })
}
