import {
  Paths,
  type CreateNotificationRequest,
  type Notification,
  type NotificationPage,
  type NotificationStatus,
  type NotificationType,
} from '@/protocol'
import { apiFetch } from './http'

export interface NotificationListQuery {
  status?: NotificationStatus
  type?: NotificationType
  page?: number
  page_size?: number
}

export function list(query: NotificationListQuery = {}, init: { signal?: AbortSignal } = {}): Promise<NotificationPage> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      params.set(key, String(value))
  }
  const search = params.toString()
  return apiFetch<NotificationPage>(search ? `${Paths.notifications}?${search}` : Paths.notifications, init)
}

export async function unreadCount(): Promise<number> {
  return (await apiFetch<{ count: number }>(Paths.unreadCount)).count
}

export function markRead(id: string): Promise<unknown> {
  return apiFetch(Paths.notificationRead(id), { method: 'POST' })
}

/** Returns how many notifications changed. */
export async function markAllRead(): Promise<number> {
  return (await apiFetch<{ updated: number } | null>(Paths.readAll, { method: 'POST' }))?.updated ?? 0
}

export function remove(id: string): Promise<unknown> {
  return apiFetch(Paths.notification(id), { method: 'DELETE' })
}

export function create(body: CreateNotificationRequest): Promise<Notification> {
  return apiFetch<Notification>(Paths.notifications, { method: 'POST', json: body })
}
