// Request bodies, validated only by the server (mock-server/http/body.ts takes a classic zod schema).
// They stay in classic zod and in a file of their own: the app never loads them, so its bundle keeps
// zod/mini alone (vite.config.ts marks this module free of side effects so the build can drop it).
import { z } from 'zod'
import {
  BULK_ACTIONS,
  DEFAULT_NOTIFICATION_VIEW,
  MAX_BULK_IDS,
  MAX_PAGE_SIZE,
  MAX_SEARCH_LENGTH,
  MAX_SNOOZE_DAYS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  NOTIFICATION_VIEWS,
} from './constants'
import { classifyLink, LINK_POLICY_MESSAGE } from './links'
import { CLOCK_TIME, isTimeZone } from './preferences'
import type { RouteName } from './routes'

// With the `u` flag a surrogate pair is one code point, so this matches only a half of one. Stored as
// UTF-8 a lone half becomes U+FFFD, and a title's length limit would no longer hold: refuse it instead.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** A string of at most `max` UTF-16 units that is valid Unicode text. */
function text(max: number) {
  return z.string().max(max).refine(value => !LONE_SURROGATE.test(value), 'must be valid Unicode text (it holds half of a surrogate pair)')
}

export const loginRequestSchema = z.object({
  username: text(64).min(1),
  password: text(256).min(1),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

/** `notification.analysis_completed.title`: lower-case words joined by dots. */
const TEXT_KEY_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/

export const createNotificationRequestSchema = z.object({
  user: text(64).min(1).optional(),
  title: text(200).min(1),
  content: text(4000),
  type: z.enum(NOTIFICATION_TYPES),
  link: text(2000).refine(link => link === '' || classifyLink(link).kind !== 'none', LINK_POLICY_MESSAGE).nullable().optional(),
  source: text(64).nullable().optional(),
  // v1.2 (textKeys.ts): stable keys of the title and content and their values; the texts stay required.
  title_key: text(100).regex(TEXT_KEY_PATTERN, 'a text key is lower-case words joined by dots').optional(),
  content_key: text(100).regex(TEXT_KEY_PATTERN, 'a text key is lower-case words joined by dots').optional(),
  params: z.record(text(64), z.union([text(500), z.number()])).refine(params => Object.keys(params).length <= 20, 'at most 20 params').optional(),
})
export type CreateNotificationRequest = z.infer<typeof createNotificationRequestSchema>

export const notificationQuerySchema = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  type: z.enum(NOTIFICATION_TYPES).optional(),
  page: z.number().int().min(1).default(1),
  page_size: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  view: z.enum(NOTIFICATION_VIEWS).default(DEFAULT_NOTIFICATION_VIEW),
  /** Case-insensitive text to find in the title or content. */
  q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  /** v1.3 conditional resync: only ids above this one (the newest a client holds; it need not exist any more). */
  after_id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
})
export type NotificationQuery = z.infer<typeof notificationQuerySchema>

export const createTaskRequestSchema = z.object({
  symbol: z.string().regex(/^\d{6}$/, 'symbol must be six digits'),
  steps: z.array(text(100).min(1)).min(1).max(20).optional(),
  step_ms: z.number().int().min(10).max(60_000).optional(),
  fail_at_step: z.number().int().min(1).max(20).optional(),
})
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>

/** `startTask(user, …)` of `tidings/server`: a task the host application runs and reports on itself. */
export const applicationTaskSchema = z.object({
  /** What the task is about; clients show it where an analysis shows its symbol (the task's `symbol` field). */
  name: text(100).min(1),
  /** Names of its steps, if it reports them (`progress(percent, message, step)`); without them it is one step. */
  steps: z.array(text(100).min(1)).min(1).max(20).optional(),
  /** The pending task's message. */
  message: text(500).optional(),
})
export type ApplicationTaskRequest = z.input<typeof applicationTaskSchema>

const DAY_MS = 24 * 60 * 60 * 1000

/** `POST /api/notifications/:id/snooze`: `until` is an ISO-8601 time in the future, at most MAX_SNOOZE_DAYS ahead. */
export const snoozeRequestSchema = z.object({
  until: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date and time, e.g. 2026-01-31T09:00:00Z' })
    .refine(until => Date.parse(until) > Date.now(), 'must be in the future')
    .refine(until => Date.parse(until) <= Date.now() + MAX_SNOOZE_DAYS * DAY_MS, `must be at most ${MAX_SNOOZE_DAYS} days ahead`),
})
export type SnoozeRequest = z.infer<typeof snoozeRequestSchema>

/** `POST /api/notifications/bulk`: one action on 1–MAX_BULK_IDS ids. */
export const bulkRequestSchema = z.object({
  ids: z.array(z.string().min(1).max(32)).min(1).max(MAX_BULK_IDS),
  action: z.enum(BULK_ACTIONS),
})
export type BulkRequest = z.infer<typeof bulkRequestSchema>

// Strict objects: an unknown type or channel is a 422 naming it, not silently dropped.
const channelPatch = z.strictObject({ toast: z.boolean(), desktop: z.boolean(), sound: z.boolean() }).partial()

/** `PUT /api/preferences`: any part of the preferences; merged into the stored ones. */
export const preferencesPatchSchema = z.strictObject({
  types: z.strictObject({ analysis: channelPatch, alert: channelPatch, system: channelPatch }).partial(),
  quiet_hours: z.strictObject({
    enabled: z.boolean(),
    start: z.string().regex(CLOCK_TIME, 'must be a time as HH:MM (00:00 to 23:59)'),
    end: z.string().regex(CLOCK_TIME, 'must be a time as HH:MM (00:00 to 23:59)'),
    time_zone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
    allow_alerts: z.boolean(),
  }).partial(),
}).partial()
export type PreferencesPatchRequest = z.infer<typeof preferencesPatchSchema>

/** The request-body column of the route table (./routes): which body each route takes, server-side. */
export const RequestBodies = {
  login: loginRequestSchema,
  createNotification: createNotificationRequestSchema,
  startTask: createTaskRequestSchema,
  snooze: snoozeRequestSchema,
  bulk: bulkRequestSchema,
  updatePreferences: preferencesPatchSchema,
} as const satisfies Partial<Record<RouteName, z.ZodType>>
/** The validated body of a route that takes one. */
export type BodyOf<Name extends RouteName> = Name extends keyof typeof RequestBodies ? z.output<(typeof RequestBodies)[Name]> : never
