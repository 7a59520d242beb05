import type { NotificationListQuery } from '@/api/notifications'
import { MAX_SEARCH_LENGTH, NOTIFICATION_TYPES, type NotificationType } from '@/protocol'
import { INBOX_VIEWS, type InboxView } from '@/triage'

// The inbox's state (view, type, search, page) and its URL form, for an app that keeps it in the
// address bar (vue-router's `route.query` has this shape; the library does not need vue-router).

/** A URL's query as routers hand it over: a value, several, or null for a bare key. */
export type UrlQuery = Record<string, string | null | undefined | (string | null)[]>

/** What the inbox shows: `parseInboxQuery({})` is the plain inbox, first page. */
export interface InboxQuery {
  /** Inbox, Unread, Snoozed or Done. */
  view: InboxView
  /** Only this notification type; absent for all. */
  type?: NotificationType
  /** Search text ('' for none). */
  q: string
  /** The page, from 1. */
  page: number
}

function first(value: UrlQuery[string]): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  return typeof raw === 'string' ? raw : undefined
}

/** Reads the page's state from the URL; anything unknown or malformed means the default. */
export function parseInboxQuery(query: UrlQuery): InboxQuery {
  const view = first(query.view) ?? (first(query.status) === 'unread' ? 'unread' : undefined) // `?status=unread` links from before views
  const type = first(query.type)
  const page = Number.parseInt(first(query.page) ?? '', 10)
  return {
    view: (INBOX_VIEWS as readonly string[]).includes(view ?? '') ? view as InboxView : 'inbox',
    type: (NOTIFICATION_TYPES as readonly string[]).includes(type ?? '') ? type as NotificationType : undefined,
    q: (first(query.q) ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  }
}

/** The URL form: defaults are left out so the plain inbox has a plain URL. */
export function toRouteQuery(query: InboxQuery): Record<string, string> {
  const out: Record<string, string> = {}
  if (query.view !== 'inbox')
    out.view = query.view
  if (query.type)
    out.type = query.type
  if (query.q)
    out.q = query.q
  if (query.page > 1)
    out.page = String(query.page)
  return out
}

/** What the server is asked for. */
export function toListQuery(query: InboxQuery): NotificationListQuery {
  const view = query.view === 'done' ? 'archived' : query.view === 'unread' ? 'inbox' : query.view
  return {
    view,
    status: query.view === 'unread' ? 'unread' : undefined,
    type: query.type,
    q: query.q || undefined,
  }
}
