// The hot frame's fast path: a `notification` frame checked by hand, field by field as
// `notificationSchema` (./schemas.ts) declares it, with the same output (known keys only, in the
// schema's order, defaults filled in). It accepts only what the schema accepts; anything else, or
// anything unusual, returns null and the frame goes to the full check (./checks), which decides and describes the failure.
// tests/protocol/notification-check.test.ts holds the two to the same verdicts and outputs.
import { NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from './constants'
import type { Notification } from './schemas'
import type { TextParams } from './textKeys'

type Fields = Record<string, unknown>

const types: ReadonlySet<unknown> = new Set(NOTIFICATION_TYPES)
const statuses: ReadonlySet<unknown> = new Set(NOTIFICATION_STATUSES)

/** A plain object (what JSON.parse or a structured clone makes), not an array, Map, Date or class instance. */
function plainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null)
    return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0

/** `z.optional(...)`: absent stays absent, a key present with undefined stays present; false: not valid. */
function copyOptional(from: Fields, to: Fields, key: string, valid: (value: unknown) => boolean): boolean {
  const value = from[key]
  if (value === undefined) {
    if (key in from)
      to[key] = undefined
    return true
  }
  if (!valid(value))
    return false
  to[key] = value
  return true
}

const stringOrNull = (value: unknown) => value === null || typeof value === 'string'
const isString = (value: unknown) => typeof value === 'string'

/** `textParamsSchema`: a record of strings and finite numbers, copied. */
function textParams(value: unknown): TextParams | null {
  if (!plainObject(value))
    return null
  const params: TextParams = {}
  for (const key of Object.keys(value)) {
    const param = value[key]
    if (typeof param === 'string' || (typeof param === 'number' && Number.isFinite(param)))
      params[key] = param
    else
      return null
  }
  return params
}

/** The notification a frame's `data` holds, as `notificationSchema` would output it; null: let zod decide. */
export function checkNotification(data: unknown): Notification | null {
  if (!plainObject(data))
    return null
  const { id, title, content, type, created_at: createdAt, status, archived, snoozed_until: snoozedUntil } = data
  if (!nonEmptyString(id) || typeof title !== 'string' || typeof content !== 'string' || !types.has(type))
    return null
  const out: Fields = { id, title, content, type }
  if (!copyOptional(data, out, 'link', stringOrNull) || !copyOptional(data, out, 'source', stringOrNull))
    return null
  if (!nonEmptyString(createdAt) || !statuses.has(status))
    return null
  out.created_at = createdAt
  out.status = status
  if (archived !== undefined && typeof archived !== 'boolean')
    return null
  out.archived = archived ?? false
  if (snoozedUntil !== undefined && snoozedUntil !== null && !nonEmptyString(snoozedUntil))
    return null
  out.snoozed_until = snoozedUntil ?? null
  if (!copyOptional(data, out, 'title_key', isString) || !copyOptional(data, out, 'content_key', isString))
    return null
  if (data.params !== undefined) {
    const params = textParams(data.params)
    if (!params)
      return null
    out.params = params
  }
  else if ('params' in data) {
    out.params = undefined
  }
  return out as Notification
}
