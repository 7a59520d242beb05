// Wire and response shapes in zod/mini: the protocol's types (z.infer), what the server and msw
// validate with, and what ./checks (the client's hand checks, which load no zod) are proven equal to.
// zod/mini's functional API keeps a user who imports a schema from paying for all of classic zod.
// Request bodies, which only the server validates, are in ./requests.
import * as z from 'zod/mini'
import {
  MessageType,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  TASK_STATUSES,
} from './constants'
import { CLOCK_TIME } from './preferences'
import { textParamsSchema } from './textKeys'

// zod/mini ships no messages of its own; the English ones keep `error` frames and 422 bodies readable
// ("Too small: expected number to be >=1") wherever the protocol is loaded.
z.config(z.locales.en())

// ---- preferences (./preferences.ts holds their defaults and merge) -----------

const channelSettingsSchema = z.object({ toast: z.boolean(), desktop: z.boolean(), sound: z.boolean() })
export type ChannelSettings = z.infer<typeof channelSettingsSchema>

export const quietHoursSchema = z.object({
  enabled: z.boolean(),
  start: z.string().check(z.regex(CLOCK_TIME)),
  end: z.string().check(z.regex(CLOCK_TIME)),
  /** IANA zone the hours are read in; null until the app first saves them (it sends the browser's). */
  time_zone: z.nullable(z.string()),
  /** `alert` items still interrupt during quiet hours. */
  allow_alerts: z.boolean(),
})
export type QuietHours = z.infer<typeof quietHoursSchema>

export const preferencesSchema = z.object({
  types: z.object({ analysis: channelSettingsSchema, alert: channelSettingsSchema, system: channelSettingsSchema }),
  quiet_hours: quietHoursSchema,
})
export type Preferences = z.infer<typeof preferencesSchema>

// ---- frames ----------------------------------------------------------------

const isoTimestamp = z.string().check(z.minLength(1))
/** A whole number, checked as classic zod's `.int()` does (same issue and message). */
const integer = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(z.int(), ...checks)

export const notificationSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  content: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  link: z.optional(z.nullable(z.string())),
  source: z.optional(z.nullable(z.string())),
  created_at: isoTimestamp,
  status: z.enum(NOTIFICATION_STATUSES),
  // v1.1 (SPEC §3.1). Defaulted, so a frame or page from a v1 server still parses: nothing was done or snoozed.
  /** Done: out of the inbox, in the `archived` view. */
  archived: z._default(z.boolean(), false),
  /** When the snooze ends (ISO-8601), or null when the item is not snoozed. */
  snoozed_until: z._default(z.nullable(isoTimestamp), null),
  // v1.2 (src/protocol/textKeys.ts): stable keys of the title and content, and the values they take.
  title_key: z.optional(z.string()),
  content_key: z.optional(z.string()),
  params: z.optional(textParamsSchema),
})
export type Notification = z.infer<typeof notificationSchema>

export const taskProgressSchema = z.object({
  task_id: z.string().check(z.minLength(1)),
  message: z.string(),
  step: integer(z.gte(0)),
  total_steps: integer(z.gte(1)),
  progress: z.number().check(z.gte(0), z.lte(100)),
  timestamp: isoTimestamp,
  // v1.2: the message's stable key and params (textKeys.ts); `message` stays the text.
  message_key: z.optional(z.string()),
  params: z.optional(textParamsSchema),
})
export type TaskProgress = z.infer<typeof taskProgressSchema>

export const taskCompletedSchema = z.extend(taskProgressSchema, {
  progress: z.literal(100),
  result: z.optional(z.record(z.string(), z.unknown())),
})
export type TaskCompleted = z.infer<typeof taskCompletedSchema>

export const taskFailedSchema = z.extend(taskProgressSchema, { error: z.string(), error_key: z.optional(z.string()) })
export type TaskFailed = z.infer<typeof taskFailedSchema>

const heartbeat = z.object({ type: z.literal(MessageType.Heartbeat), data: z.object({ timestamp: isoTimestamp }) })

/** Frames the server sends on `/api/ws/notifications` (and relays between tabs). */
export const notificationChannelMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal(MessageType.Connected),
    data: z.object({
      user_id: z.string(),
      connection_id: z.string(),
      message: z.string(),
      timestamp: isoTimestamp,
      heartbeat_interval: z.number().check(z.positive()),
    }),
  }),
  heartbeat,
  z.object({ type: z.literal(MessageType.Notification), data: notificationSchema }),
  z.object({
    type: z.literal(MessageType.NotificationRead),
    data: z.union([
      z.object({ ids: z.array(z.string()).check(z.minLength(1)) }),
      z.object({ all: z.literal(true) }),
    ]),
  }),
  z.object({ type: z.literal(MessageType.Pong), data: z.object({ timestamp: isoTimestamp }) }),
  z.object({ type: z.literal(MessageType.Error), data: z.object({ code: z.string(), message: z.string() }) }),
  // Any reason string: a reason added later must still make an older client resync, not drop the frame.
  z.object({ type: z.literal(MessageType.Resync), data: z.object({ reason: z.string() }) }),
  // v1.1 (SPEC §3.3). Any reason string, as for `resync`: see UpdateReason.
  z.object({
    type: z.literal(MessageType.NotificationUpdated),
    data: z.object({ items: z.array(notificationSchema).check(z.minLength(1)), reason: z.string() }),
  }),
  z.object({
    type: z.literal(MessageType.NotificationDeleted),
    data: z.object({ ids: z.array(z.string()).check(z.minLength(1)) }),
  }),
  z.object({ type: z.literal(MessageType.PreferencesUpdated), data: z.object({ preferences: preferencesSchema }) }),
])
export type NotificationChannelMessage = z.infer<typeof notificationChannelMessageSchema>

/** Frames the server sends on `/api/ws/tasks/<id>`. */
export const taskChannelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(MessageType.Progress), data: taskProgressSchema }),
  z.object({ type: z.literal(MessageType.Completed), data: taskCompletedSchema }),
  z.object({ type: z.literal(MessageType.Error), data: taskFailedSchema }),
  heartbeat,
])
export type TaskChannelMessage = z.infer<typeof taskChannelMessageSchema>

/** Data of the SSE `close` event: the stream ends for the reason this WebSocket close code would give. */
export const streamCloseSchema = z.object({ code: integer(z.gte(1000), z.lte(4999)), reason: z.string() })
export type StreamClose = z.infer<typeof streamCloseSchema>

/** Frames a client may send. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(MessageType.Ping), data: z.optional(z.looseObject({})) }),
])
export type ClientMessage = z.infer<typeof clientMessageSchema>

// ---- REST responses --------------------------------------------------------

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(['admin', 'user']),
})
export type User = z.infer<typeof userSchema>

export const loginResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number(),
  user: userSchema,
})
export type LoginResponse = z.infer<typeof loginResponseSchema>

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  total: integer(),
  page: integer(),
  page_size: integer(),
})
export type NotificationPage = z.infer<typeof notificationPageSchema>

export const unreadCountSchema = z.object({ count: integer() })
export const readAllResultSchema = z.object({ updated: integer() })
/** `POST /api/notifications/bulk`: how many of the ids were the caller's and changed (or were deleted). */
export const bulkResultSchema = z.object({ updated: integer() })
/** `POST /api/notifications` with `user: "*"`: one notification per user. */
export const broadcastResultSchema = z.object({ count: integer(), items: z.array(notificationSchema) })
export type BroadcastResult = z.infer<typeof broadcastResultSchema>
export const logoutResultSchema = z.object({ closed_connections: integer() })
export const logoutAllResultSchema = z.object({ revoked_sessions: integer(), closed_connections: integer() })

export const taskInfoSchema = z.object({
  task_id: z.string(),
  symbol: z.string(),
  user: z.string(),
  status: z.enum(TASK_STATUSES),
  message: z.string(),
  step: integer(),
  total_steps: integer(),
  progress: z.number(),
  steps: z.array(z.string()),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  result: z.optional(z.record(z.string(), z.unknown())),
  error: z.optional(z.string()),
  // v1.2 (textKeys.ts): keys of the message, the error and each step name, and their params.
  message_key: z.optional(z.string()),
  error_key: z.optional(z.string()),
  step_keys: z.optional(z.array(z.nullable(z.string()))),
  params: z.optional(textParamsSchema),
})
export type TaskInfo = z.infer<typeof taskInfoSchema>

export const statsSchema = z.object({
  total_users: integer(),
  total_connections: integer(),
  users: z.record(z.string(), integer()),
})
export type Stats = z.infer<typeof statsSchema>

/** The REST envelope of SPEC §1.4. */
export interface Envelope<T> {
  success: boolean
  data: T | null
  message: string
  timestamp: string
}
