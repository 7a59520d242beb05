import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { NOTIFICATION_STATUSES, NOTIFICATION_TYPES, type NotificationStatus, type NotificationType } from '@/protocol'

export interface InboxQuery {
  status?: NotificationStatus
  type?: NotificationType
  page: number
}

function first(value: LocationQuery[string]): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  return typeof raw === 'string' ? raw : undefined
}

/** Reads the inbox filters from the URL; anything unknown or malformed means "no filter" / page 1. */
export function parseInboxQuery(query: LocationQuery): InboxQuery {
  const status = first(query.status)
  const type = first(query.type)
  const page = Number.parseInt(first(query.page) ?? '', 10)
  return {
    status: (NOTIFICATION_STATUSES as readonly string[]).includes(status ?? '') ? status as NotificationStatus : undefined,
    type: (NOTIFICATION_TYPES as readonly string[]).includes(type ?? '') ? type as NotificationType : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  }
}

/** The URL form: defaults are left out so the plain inbox has a plain URL. */
export function toRouteQuery(query: InboxQuery): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (query.status)
    out.status = query.status
  if (query.type)
    out.type = query.type
  if (query.page > 1)
    out.page = String(query.page)
  return out
}
