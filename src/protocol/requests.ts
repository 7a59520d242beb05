// Request bodies, validated only by the server (mock-server/http/body.ts takes a classic zod schema).
// They stay in classic zod and in a file of their own: the app never loads them, so its bundle keeps
// zod/mini alone (vite.config.ts marks this module free of side effects so the build can drop it).
import { z } from 'zod'
import { MAX_PAGE_SIZE, NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from './constants'

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

export const createNotificationRequestSchema = z.object({
  user: z.string().min(1).max(64).optional(),
  title: z.string().min(1).max(200),
  content: z.string().max(4000),
  type: z.enum(NOTIFICATION_TYPES),
  link: z.string().max(2000).nullable().optional(),
  source: z.string().max(64).nullable().optional(),
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
  steps: z.array(z.string().min(1).max(100)).min(1).max(20).optional(),
  step_ms: z.number().int().min(10).max(60_000).optional(),
  fail_at_step: z.number().int().min(1).max(20).optional(),
})
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>
