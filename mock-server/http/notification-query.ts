// The query of GET /api/notifications as the server reads it (SPEC §1.4, §3.2): an unknown status or type
// means no filter, page and page_size must be whole numbers within the schema's bounds, `view` one of
// the views (default inbox), `q` at most MAX_SEARCH_LENGTH characters and `after_id` (v1.3, the conditional
// resync) a whole number (else 422, naming the field).
import {
  DEFAULT_PAGE_SIZE,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  notificationQuerySchema,
  type NotificationStatus,
  type NotificationType,
} from '../../src/protocol'
import type { NotificationFilter } from '../storage/notifications'
import { validate } from './body'

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined
}

/** A whole-number query parameter, kept as text when it is not one so the schema can say why. */
function numberParam(value: string | null, fallback: number): number | string {
  if (value === null || value === '')
    return fallback
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value
}

/** `after_id`: absent when empty; a decimal id as a number, anything else kept as text for the schema to refuse. */
function afterIdParam(value: string | null): number | string | undefined {
  if (value === null || value === '')
    return undefined
  return /^\d{1,15}$/.test(value) ? Number(value) : value
}

/** The list filter a request's query asks for; throws the 422 HttpError when it is out of bounds. */
export function notificationQueryOf(url: URL): NotificationFilter {
  const query = validate(notificationQuerySchema, {
    status: oneOf<NotificationStatus>(NOTIFICATION_STATUSES, url.searchParams.get('status')),
    type: oneOf<NotificationType>(NOTIFICATION_TYPES, url.searchParams.get('type')),
    page: numberParam(url.searchParams.get('page'), 1),
    page_size: numberParam(url.searchParams.get('page_size'), DEFAULT_PAGE_SIZE),
    view: url.searchParams.get('view') || undefined,
    q: url.searchParams.get('q') || undefined,
    after_id: afterIdParam(url.searchParams.get('after_id')),
  })
  return { status: query.status, type: query.type, page: query.page, pageSize: query.page_size, view: query.view, q: query.q, afterId: query.after_id }
}
