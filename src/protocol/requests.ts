// Request bodies, validated only by the server (mock-server/http/body.ts takes a classic zod schema).
// They stay in classic zod and in a file of their own: the app never loads them, so its bundle keeps
// zod/mini alone (vite.config.ts marks this module free of side effects so the build can drop it).
import { z } from 'zod'
import { MAX_PAGE_SIZE, NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from './constants'
import { classifyLink, LINK_POLICY_MESSAGE } from './links'
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

export const createNotificationRequestSchema = z.object({
  user: text(64).min(1).optional(),
  title: text(200).min(1),
  content: text(4000),
  type: z.enum(NOTIFICATION_TYPES),
  link: text(2000).refine(link => link === '' || classifyLink(link).kind !== 'none', LINK_POLICY_MESSAGE).nullable().optional(),
  source: text(64).nullable().optional(),
})
export type CreateNotificationRequest = z.infer<typeof createNotificationRequestSchema>

export const notificationQuerySchema = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  type: z.enum(NOTIFICATION_TYPES).optional(),
  page: z.number().int().min(1).default(1),
  page_size: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
})
export type NotificationQuery = z.infer<typeof notificationQuerySchema>

export const createTaskRequestSchema = z.object({
  symbol: z.string().regex(/^\d{6}$/, 'symbol must be six digits'),
  steps: z.array(text(100).min(1)).min(1).max(20).optional(),
  step_ms: z.number().int().min(10).max(60_000).optional(),
  fail_at_step: z.number().int().min(1).max(20).optional(),
})
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>

/** The request-body column of the route table (./routes): which body each route takes, server-side. */
export const RequestBodies = {
  login: loginRequestSchema,
  createNotification: createNotificationRequestSchema,
  startTask: createTaskRequestSchema,
} as const satisfies Partial<Record<RouteName, z.ZodType>>
/** The validated body of a route that takes one. */
export type BodyOf<Name extends RouteName> = Name extends keyof typeof RequestBodies ? z.output<(typeof RequestBodies)[Name]> : never
