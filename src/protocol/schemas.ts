import { z } from 'zod'
import {
  MAX_PAGE_SIZE,
  MessageType,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  TASK_STATUSES,
} from './constants'

const isoTimestamp = z.string().min(1)

export const notificationSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  content: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  link: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  created_at: isoTimestamp,
  status: z.enum(NOTIFICATION_STATUSES),
})
export type Notification = z.infer<typeof notificationSchema>

export const taskProgressSchema = z.object({
  task_id: z.string().min(1),
  message: z.string(),
  step: z.number().int().min(0),
  total_steps: z.number().int().min(1),
  progress: z.number().min(0).max(100),
  timestamp: isoTimestamp,
})
export type TaskProgress = z.infer<typeof taskProgressSchema>

export const taskCompletedSchema = taskProgressSchema.extend({
  progress: z.literal(100),
  result: z.record(z.string(), z.unknown()).optional(),
})
export type TaskCompleted = z.infer<typeof taskCompletedSchema>

export const taskFailedSchema = taskProgressSchema.extend({ error: z.string() })
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
      heartbeat_interval: z.number().positive(),
    }),
  }),
  heartbeat,
  z.object({ type: z.literal(MessageType.Notification), data: notificationSchema }),
  z.object({
    type: z.literal(MessageType.NotificationRead),
    data: z.union([
      z.object({ ids: z.array(z.string()).min(1) }),
      z.object({ all: z.literal(true) }),
    ]),
  }),
  z.object({ type: z.literal(MessageType.Pong), data: z.object({ timestamp: isoTimestamp }) }),
  z.object({ type: z.literal(MessageType.Error), data: z.object({ code: z.string(), message: z.string() }) }),
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

/** Frames a client may send. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(MessageType.Ping), data: z.object({}).passthrough().optional() }),
])
export type ClientMessage = z.infer<typeof clientMessageSchema>

// ---- REST bodies -----------------------------------------------------------

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

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

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
})
export type NotificationPage = z.infer<typeof notificationPageSchema>

export const createTaskRequestSchema = z.object({
  symbol: z.string().regex(/^\d{6}$/, 'symbol must be six digits'),
  steps: z.array(z.string().min(1).max(100)).min(1).max(20).optional(),
  step_ms: z.number().int().min(10).max(60_000).optional(),
  fail_at_step: z.number().int().min(1).max(20).optional(),
})
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>

export const taskInfoSchema = z.object({
  task_id: z.string(),
  symbol: z.string(),
  user: z.string(),
  status: z.enum(TASK_STATUSES),
  message: z.string(),
  step: z.number().int(),
  total_steps: z.number().int(),
  progress: z.number(),
  steps: z.array(z.string()),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
})
export type TaskInfo = z.infer<typeof taskInfoSchema>

export const statsSchema = z.object({
  total_users: z.number().int(),
  total_connections: z.number().int(),
  users: z.record(z.string(), z.number().int()),
})
export type Stats = z.infer<typeof statsSchema>

/** The REST envelope of SPEC §1.4. */
export interface Envelope<T> {
  success: boolean
  data: T | null
  message: string
  timestamp: string
}
