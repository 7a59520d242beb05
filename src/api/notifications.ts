import {
  BROADCAST_RECIPIENT,
  Routes,
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
  status?: NotificationStatus
  type?: NotificationType
  page?: number
  page_size?: number
  /** @default 'inbox' (on the server) */
  view?: NotificationView
  /** Case-insensitive text in the title or content (at most MAX_SEARCH_LENGTH characters). */
  q?: string
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

/** Each resolves to the notification as now stored. */
export function markUnread(id: string): Promise<Notification> {
  return callRoute(Routes.markUnread, { params: { id } })
}

/** Done: archived and read. */
export function archive(id: string): Promise<Notification> {
  return callRoute(Routes.archive, { params: { id } })
}

export function unarchive(id: string): Promise<Notification> {
  return callRoute(Routes.unarchive, { params: { id } })
}

/** `until`: an ISO-8601 time in the future, at most MAX_SNOOZE_DAYS ahead. */
export function snooze(id: string, until: string): Promise<Notification> {
  return callRoute(Routes.snooze, { params: { id }, json: { until } })
}

export function unsnooze(id: string): Promise<Notification> {
  return callRoute(Routes.unsnooze, { params: { id } })
}

/** One action on 1–MAX_BULK_IDS ids; returns how many of them changed (others' ids are skipped). */
export async function bulk(ids: string[], action: BulkAction): Promise<number> {
  return (await callRoute(Routes.bulk, { json: { ids, action } })).updated
}

/** One recipient: the notification; every user (`user: "*"`): `{count, items}`. */
export function create(body: CreateNotificationRequest & { user: typeof BROADCAST_RECIPIENT }): Promise<BroadcastResult>
export function create(body: CreateNotificationRequest): Promise<Notification>
export function create(body: CreateNotificationRequest): Promise<Notification | BroadcastResult> {
  return callRoute(Routes.createNotification, { json: body })
}
