// The `data` of every REST reply the client reads (through `callRoute`), checked by hand as the
// response schemas in ../schemas.ts declare them.
import { TASK_STATUSES } from '../constants'
import type { BroadcastResult, LoginResponse, NotificationPage, Stats, TaskInfo, User } from '../schemas'
import { notificationCheck, textParamsCheck } from './notification'
import { array, integer, literal, nonEmptyString, nullable, number, object, oneOf, optional, record, string, unknown, type Check } from './core'

export const userCheck: Check<User> = object({ id: string, username: string, role: oneOf(['admin', 'user']) })

export const loginResponseCheck: Check<LoginResponse> = object({
  access_token: string,
  token_type: literal('bearer'),
  expires_in: number(),
  user: userCheck,
})

export const notificationPageCheck: Check<NotificationPage> = object({
  items: array(notificationCheck),
  total: integer(),
  page: integer(),
  page_size: integer(),
})

export const unreadCountCheck = object({
  /** How many notifications are unread. */
  count: integer(),
})
export const updatedCountCheck = object({
  /** How many notifications the call changed. */
  updated: integer(),
})
export const broadcastResultCheck: Check<BroadcastResult> = object({ count: integer(), items: array(notificationCheck) })
export const logoutResultCheck = object({
  /** How many live connections of the session were closed. */
  closed_connections: integer(),
})
export const logoutAllResultCheck = object({
  /** How many sessions of the user were ended. */
  revoked_sessions: integer(),
  /** How many live connections of the user were closed. */
  closed_connections: integer(),
})
export const nullCheck: Check<null> = literal(null)

export const taskInfoCheck: Check<TaskInfo> = object({
  task_id: string,
  symbol: string,
  user: string,
  status: oneOf(TASK_STATUSES),
  message: string,
  step: integer(),
  total_steps: integer(),
  progress: number(),
  steps: array(string),
  created_at: nonEmptyString,
  updated_at: nonEmptyString,
  result: optional(record(unknown)),
  error: optional(string),
  message_key: optional(string),
  error_key: optional(string),
  step_keys: optional(array(nullable(string))),
  params: optional(textParamsCheck),
})

export const statsCheck: Check<Stats> = object({
  total_users: integer(),
  total_connections: integer(),
  users: record(integer()),
})
