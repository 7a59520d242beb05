// `notificationSchema` and `textParamsSchema` (../schemas.ts, ../textKeys.ts) checked by hand: the
// item every notification frame and page carries.
import { NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from '../constants'
import type { Notification } from '../schemas'
import type { TextParams } from '../textKeys'
import { boolean, nonEmptyString, nullable, number, object, oneOf, optional, record, string, withDefault, type Check } from './core'

// Not union(string, number()): a union tries its forms by catching a failure, and an Error's stack
// trace made per numeric param cost ~10 µs a notification. The same verdict, without the throw.
const finiteNumber = number()
const stringOrNumber: Check<string | number> = value => typeof value === 'string' ? value : finiteNumber(value)

export const textParamsCheck: Check<TextParams> = record(stringOrNumber)

export const notificationCheck: Check<Notification> = object({
  id: nonEmptyString,
  title: string,
  content: string,
  type: oneOf(NOTIFICATION_TYPES),
  link: optional(nullable(string)),
  source: optional(nullable(string)),
  created_at: nonEmptyString,
  status: oneOf(NOTIFICATION_STATUSES),
  archived: withDefault(boolean, false),
  snoozed_until: withDefault(nullable(nonEmptyString), null),
  title_key: optional(string),
  content_key: optional(string),
  params: optional(textParamsCheck),
})
