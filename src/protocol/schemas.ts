// Wire and response shapes in zod/mini: the protocol's types (z.infer), what the server and msw
// validate with, and what ./checks (the client's hand checks, which load no zod) are proven equal to.
// zod/mini's functional API keeps a user who imports a schema from paying for all of classic zod.
// Request bodies, which only the server validates, are in ./requests.
import * as z from 'zod/mini'
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_REQUEST_ID_LENGTH,
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

const channelSettingsSchema = z.object({
  /** A toast while the page is visible. */
  toast: z.boolean(),
  /** A desktop notification while the page is hidden (when the browser allows them). */
  desktop: z.boolean(),
  /** A short sound. */
  sound: z.boolean(),
})
export type ChannelSettings = z.infer<typeof channelSettingsSchema>

export const quietHoursSchema = z.object({
  /** Whether quiet hours apply: between `start` and `end` nothing interrupts (but alerts, if allowed). */
  enabled: z.boolean(),
  /** When they begin, `HH:MM` on a 24-hour clock. */
  start: z.string().check(z.regex(CLOCK_TIME)),
  /** When they end, `HH:MM`; before `start` means the next day. */
  end: z.string().check(z.regex(CLOCK_TIME)),
  /** IANA zone the hours are read in; null until the app first saves them (it sends the browser's). */
  time_zone: z.nullable(z.string()),
  /** `alert` items still interrupt during quiet hours. */
  allow_alerts: z.boolean(),
})
export type QuietHours = z.infer<typeof quietHoursSchema>

export const preferencesSchema = z.object({
  /** The channels of each notification type. */
  types: z.object({
    /** Finished or failed analyses. */
    analysis: channelSettingsSchema,
    /** Alerts (price, volume). */
    alert: channelSettingsSchema,
    /** System messages. */
    system: channelSettingsSchema,
  }),
  /** When nothing (or only alerts) may interrupt. */
  quiet_hours: quietHoursSchema,
})
export type Preferences = z.infer<typeof preferencesSchema>

// ---- frames ----------------------------------------------------------------

const isoTimestamp = z.string().check(z.minLength(1))
/** A whole number, checked as classic zod's `.int()` does (same issue and message). */
const integer = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(z.int(), ...checks)

export const notificationSchema = z.object({
  /** The server's id of the notification. */
  id: z.string().check(z.minLength(1)),
  /** Headline, in the server's language (see `title_key` for a translatable key). */
  title: z.string(),
  /** Body text; may be empty. */
  content: z.string(),
  /** What kind of notification it is: `analysis`, `alert` or `system`. */
  type: z.enum(NOTIFICATION_TYPES),
  /** Where opening it leads: an in-app path or an http(s) URL; null or absent for none. */
  link: z.optional(z.nullable(z.string())),
  /** What sent it (a service or job name); null or absent when not said. */
  source: z.optional(z.nullable(z.string())),
  /** When it was created (ISO-8601). */
  created_at: isoTimestamp,
  /** `unread` or `read`. */
  status: z.enum(NOTIFICATION_STATUSES),
  // v1.1 (SPEC §3.1). Defaulted, so a frame or page from a v1 server still parses: nothing was done or snoozed.
  /** Done: out of the inbox, in the `archived` view. */
  archived: z._default(z.boolean(), false),
  /** When the snooze ends (ISO-8601), or null when the item is not snoozed. */
  snoozed_until: z._default(z.nullable(isoTimestamp), null),
  // v1.2 (src/protocol/textKeys.ts): stable keys of the title and content, and the values they take.
  /** Stable key of the title (see `TextKey`), for a client that translates it. */
  title_key: z.optional(z.string()),
  /** Stable key of the content. */
  content_key: z.optional(z.string()),
  /** Values the title and content keys take. */
  params: z.optional(textParamsSchema),
})
export type Notification = z.infer<typeof notificationSchema>

export const taskProgressSchema = z.object({
  /** The task's id. */
  task_id: z.string().check(z.minLength(1)),
  /** What the task is doing, in the server's language. */
  message: z.string(),
  /** The current step, from 1 (0 before the first). */
  step: integer(z.gte(0)),
  /** How many steps the task has (at least 1). */
  total_steps: integer(z.gte(1)),
  /** Percent done, 0 to 100. */
  progress: z.number().check(z.gte(0), z.lte(100)),
  /** When the frame was sent (ISO-8601). */
  timestamp: isoTimestamp,
  // v1.2: the message's stable key and params (textKeys.ts); `message` stays the text.
  /** Stable key of the message (see `TextKey`). */
  message_key: z.optional(z.string()),
  /** Values the message key takes. */
  params: z.optional(textParamsSchema),
})
export type TaskProgress = z.infer<typeof taskProgressSchema>

export const taskCompletedSchema = z.extend(taskProgressSchema, {
  /** Always 100: the task is done. */
  progress: z.literal(100),
  /** What the task produced, as its owner reported it. */
  result: z.optional(z.record(z.string(), z.unknown())),
})
export type TaskCompleted = z.infer<typeof taskCompletedSchema>

export const taskFailedSchema = z.extend(taskProgressSchema, {
  /** Why the task failed, in the server's language. */
  error: z.string(),
  /** Stable key of the error (see `TextKey`). */
  error_key: z.optional(z.string()),
})
export type TaskFailed = z.infer<typeof taskFailedSchema>

/** v1.4: the data of `synced`, the answer to a client's `sync` (what `resyncOnce` gathers by REST). */
export const syncedSchema = z.object({
  /** The `request_id` of the `sync` it answers. */
  request_id: z.string(),
  /** What was stored after the `after_id` asked (all of it, up to the per-user limit) and, when that is
   * less than a page or no `after_id` was given, the inbox's first page; newest first, each id once. */
  items: z.array(notificationSchema),
  /** How many notifications the inbox holds (the first page's `total`, for a paginator). */
  total: integer(),
  /** Unread notifications in the inbox, read beside the items. */
  unread_count: integer(),
  /** When the server read them (ISO-8601). */
  timestamp: isoTimestamp,
})
export type Synced = z.infer<typeof syncedSchema>

const heartbeat = z.object({
  /** Always `MessageType.Heartbeat`: what the frame is. */
  type: z.literal(MessageType.Heartbeat),
  /** The frame's payload. */
  data: z.object({
    /** When the server sent it (ISO-8601). */
    timestamp: isoTimestamp,
  }),
})

/** Frames the server sends on `/api/ws/notifications` (and relays between tabs). */
export const notificationChannelMessageSchema = z.discriminatedUnion('type', [
  z.object({
    /** Always `MessageType.Connected`: what the frame is. */
    type: z.literal(MessageType.Connected),
    /** The frame's payload. */
    data: z.object({
      /** The user the connection was opened for. */
      user_id: z.string(),
      /** This connection's id on the server. */
      connection_id: z.string(),
      /** A greeting, for logs. */
      message: z.string(),
      /** When the connection was accepted (ISO-8601). */
      timestamp: isoTimestamp,
      /** Seconds between the server's heartbeats; a client may call the link dead after a few missed. */
      heartbeat_interval: z.number().check(z.positive()),
    }),
  }),
  heartbeat,
  z.object({
    /** Always `MessageType.Notification`: what the frame is. */
    type: z.literal(MessageType.Notification),
    /** The frame's payload. */
    data: notificationSchema,
  }),
  z.object({
    /** Always `MessageType.NotificationRead`: what the frame is. */
    type: z.literal(MessageType.NotificationRead),
    /** The frame's payload. */
    data: z.union([
      z.object({
        /** The notifications now read. */
        ids: z.array(z.string()).check(z.minLength(1)),
      }),
      z.object({
        /** Every notification of the user is now read. */
        all: z.literal(true),
      }),
    ]),
  }),
  z.object({
    /** Always `MessageType.Pong`: what the frame is. */
    type: z.literal(MessageType.Pong),
    /** The frame's payload. */
    data: z.object({
      /** When the server answered the ping (ISO-8601). */
      timestamp: isoTimestamp,
    }),
  }),
  z.object({
    /** Always `MessageType.Error`: what the frame is. */
    type: z.literal(MessageType.Error),
    /** The frame's payload. */
    data: z.object({
      /** A machine-readable cause, e.g. `invalid_json`. */
      code: z.string(),
      /** What was wrong, in words. */
      message: z.string(),
      /** v1.4: the `request_id` of the `sync` this answers, when the server could read one. */
      request_id: z.optional(z.string()),
      /** v1.4, with `busy`: seconds to wait before asking again. */
      retry_after: z.optional(integer(z.gte(0))),
    }),
  }),
  // Any reason string: a reason added later must still make an older client resync, not drop the frame.
  z.object({
    /** Always `MessageType.Resync`: what the frame is. */
    type: z.literal(MessageType.Resync),
    /** The frame's payload. */
    data: z.object({
      /** Why the client should reload its inbox (see `ResyncReason`). */
      reason: z.string(),
    }),
  }),
  // v1.1 (SPEC §3.3). Any reason string, as for `resync`: see UpdateReason.
  z.object({
    /** Always `MessageType.NotificationUpdated`: what the frame is. */
    type: z.literal(MessageType.NotificationUpdated),
    /** The frame's payload. */
    data: z.object({
      /** The notifications as they are now. */
      items: z.array(notificationSchema).check(z.minLength(1)),
      /** What changed them (see `UpdateReason`). */
      reason: z.string(),
    }),
  }),
  z.object({
    /** Always `MessageType.NotificationDeleted`: what the frame is. */
    type: z.literal(MessageType.NotificationDeleted),
    /** The frame's payload. */
    data: z.object({
      /** The notifications deleted. */
      ids: z.array(z.string()).check(z.minLength(1)),
    }),
  }),
  z.object({
    /** Always `MessageType.PreferencesUpdated`: what the frame is. */
    type: z.literal(MessageType.PreferencesUpdated),
    /** The frame's payload. */
    data: z.object({
      /** The user's preferences as saved now. */
      preferences: preferencesSchema,
    }),
  }),
  z.object({
    /** Always `MessageType.Synced`: what the frame is. */
    type: z.literal(MessageType.Synced),
    /** The frame's payload. */
    data: syncedSchema,
  }),
])
export type NotificationChannelMessage = z.infer<typeof notificationChannelMessageSchema>

/** Frames the server sends on `/api/ws/tasks/<id>`. */
export const taskChannelMessageSchema = z.discriminatedUnion('type', [
  z.object({
    /** Always `MessageType.Progress`: what the frame is. */
    type: z.literal(MessageType.Progress),
    /** The frame's payload. */
    data: taskProgressSchema,
  }),
  z.object({
    /** Always `MessageType.Completed`: what the frame is. */
    type: z.literal(MessageType.Completed),
    /** The frame's payload. */
    data: taskCompletedSchema,
  }),
  z.object({
    /** Always `MessageType.Error`: what the frame is. */
    type: z.literal(MessageType.Error),
    /** The frame's payload. */
    data: taskFailedSchema,
  }),
  heartbeat,
])
export type TaskChannelMessage = z.infer<typeof taskChannelMessageSchema>

/** Data of the SSE `close` event: the stream ends for the reason this WebSocket close code would give. */
export const streamCloseSchema = z.object({
  /** The WebSocket close code (see `CloseCode`). */
  code: integer(z.gte(1000), z.lte(4999)),
  /** Its reason (see `CloseReason`). */
  reason: z.string(),
})
export type StreamClose = z.infer<typeof streamCloseSchema>

/** v1.4: the data of `sync`: resync over the socket, answered by `synced` (or `error`) with the same `request_id`. */
export const syncRequestSchema = z.object({
  /** Chosen by the client (1–64 characters), echoed by the answer. */
  request_id: z.string().check(z.minLength(1), z.maxLength(MAX_REQUEST_ID_LENGTH)),
  /** The newest id the client holds (decimal, as ids are): everything stored after it is sent. Absent or
   * null: the first page only. It need not exist any more. */
  after_id: z.optional(z.nullable(z.string().check(z.regex(/^\d{1,15}$/)))),
  /** Size of the first page, 1 to MAX_PAGE_SIZE. */
  page_size: z._default(integer(z.gte(1), z.lte(MAX_PAGE_SIZE)), DEFAULT_PAGE_SIZE),
})
export type SyncRequest = z.infer<typeof syncRequestSchema>

/** Frames a client may send. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    /** Always `MessageType.Ping`: what the frame is. */
    type: z.literal(MessageType.Ping),
    /** The frame's payload. */
    data: z.optional(z.looseObject({})),
  }),
  z.object({
    /** Always `MessageType.Sync`: what the frame is (v1.4). */
    type: z.literal(MessageType.Sync),
    /** The frame's payload. */
    data: syncRequestSchema,
  }),
])
export type ClientMessage = z.infer<typeof clientMessageSchema>

// ---- REST responses --------------------------------------------------------

export const userSchema = z.object({
  /** The user's id. */
  id: z.string(),
  /** The name they sign in with. */
  username: z.string(),
  /** `admin` may address other users; `user` may not. */
  role: z.enum(['admin', 'user']),
})
export type User = z.infer<typeof userSchema>

export const loginResponseSchema = z.object({
  /** The bearer token for REST calls and `?token=` on sockets. */
  access_token: z.string(),
  /** Always `bearer`. */
  token_type: z.literal('bearer'),
  /** Seconds until the token expires. */
  expires_in: z.number(),
  /** Who signed in. */
  user: userSchema,
})
export type LoginResponse = z.infer<typeof loginResponseSchema>

export const notificationPageSchema = z.object({
  /** This page's notifications, newest first. */
  items: z.array(notificationSchema),
  /** How many match the query across all pages. */
  total: integer(),
  /** This page's number, from 1. */
  page: integer(),
  /** Notifications per page. */
  page_size: integer(),
})
export type NotificationPage = z.infer<typeof notificationPageSchema>

export const unreadCountSchema = z.object({
  /** Unread notifications in the inbox (done and snoozed ones not counted). */
  count: integer(),
})
export const readAllResultSchema = z.object({
  /** How many notifications changed to read. */
  updated: integer(),
})
/** `POST /api/notifications/bulk`: how many of the ids were the caller's and changed (or were deleted). */
export const bulkResultSchema = z.object({
  /** How many notifications changed. */
  updated: integer(),
})
/** `POST /api/notifications` with `user: "*"`: one notification per user. */
export const broadcastResultSchema = z.object({
  /** How many users it was sent to. */
  count: integer(),
  /** The notification stored for each of them. */
  items: z.array(notificationSchema),
})
export type BroadcastResult = z.infer<typeof broadcastResultSchema>
export const logoutResultSchema = z.object({
  /** Sockets and streams of the session that were closed. */
  closed_connections: integer(),
})
export const logoutAllResultSchema = z.object({
  /** Sessions of the user that were ended. */
  revoked_sessions: integer(),
  /** Sockets and streams of those sessions that were closed. */
  closed_connections: integer(),
})

export const taskInfoSchema = z.object({
  /** The task's id. */
  task_id: z.string(),
  /** What the task is about (the demo's stock symbol, or the name an application gave it). */
  symbol: z.string(),
  /** The id of the user who owns it. */
  user: z.string(),
  /** `pending`, `running`, `completed` or `error`. */
  status: z.enum(TASK_STATUSES),
  /** What it is doing, in the server's language. */
  message: z.string(),
  /** The current step, from 1 (0 before the first). */
  step: integer(),
  /** How many steps it has. */
  total_steps: integer(),
  /** Percent done, 0 to 100. */
  progress: z.number(),
  /** The steps' names, in order. */
  steps: z.array(z.string()),
  /** When it was started (ISO-8601). */
  created_at: isoTimestamp,
  /** When it last changed (ISO-8601). */
  updated_at: isoTimestamp,
  /** What it produced, once completed. */
  result: z.optional(z.record(z.string(), z.unknown())),
  /** Why it failed, once failed. */
  error: z.optional(z.string()),
  // v1.2 (textKeys.ts): keys of the message, the error and each step name, and their params.
  /** Stable key of the message (see `TextKey`). */
  message_key: z.optional(z.string()),
  /** Stable key of the error. */
  error_key: z.optional(z.string()),
  /** Stable key of each step name (null where a name has none). */
  step_keys: z.optional(z.array(z.nullable(z.string()))),
  /** Values the keys take. */
  params: z.optional(textParamsSchema),
})
export type TaskInfo = z.infer<typeof taskInfoSchema>

export const statsSchema = z.object({
  /** Users with at least one open connection. */
  total_users: integer(),
  /** Open sockets and streams. */
  total_connections: integer(),
  /** Open connections per user id. */
  users: z.record(z.string(), integer()),
})
export type Stats = z.infer<typeof statsSchema>

/** The REST envelope of SPEC §1.4. */
export interface Envelope<T> {
  /** Whether the call succeeded. */
  success: boolean
  /** The response's data; null on an error. */
  data: T | null
  /** `ok`, or what went wrong. */
  message: string
  /** When the server answered (ISO-8601). */
  timestamp: string
}
