// The frames the client reads, checked by hand as the schemas in ../schemas.ts declare them: the
// notification socket (and the SSE stream, which carries the same frames), the task sockets and the
// SSE `close` event. The server keeps parsing what clients send with zod (../parseClientMessage.ts).
import { MessageType } from '../constants'
import type {
  NotificationChannelMessage,
  StreamClose,
  Synced,
  TaskChannelMessage,
  TaskCompleted,
  TaskFailed,
  TaskProgress,
} from '../schemas'
import { preferencesCheck } from './preferences'
import { notificationCheck, textParamsCheck } from './notification'
import { array, byType, integer, literal, nonEmptyString, number, object, optional, record, string, union, unknown, type Check } from './core'

const taskProgressShape = {
  task_id: nonEmptyString,
  message: string,
  step: integer(0),
  total_steps: integer(1),
  progress: number(0, 100),
  timestamp: nonEmptyString,
  message_key: optional(string),
  params: optional(textParamsCheck),
}
export const taskProgressCheck: Check<TaskProgress> = object(taskProgressShape)
export const taskCompletedCheck: Check<TaskCompleted> = object({
  ...taskProgressShape,
  progress: literal(100),
  result: optional(record(unknown)),
})
export const taskFailedCheck: Check<TaskFailed> = object({ ...taskProgressShape, error: string, error_key: optional(string) })

// @__NO_SIDE_EFFECTS__
function frame<T>(type: string, data: Check<T>) {
  return object({ type: literal(type), data })
}
const timestamped = object({ timestamp: nonEmptyString })
const ids = array(string, 1)

/** `syncedSchema`: the answer to a `sync` (v1.4). */
export const syncedCheck: Check<Synced> = object({
  request_id: string,
  items: array(notificationCheck),
  total: integer(),
  unread_count: integer(),
  timestamp: nonEmptyString,
})

/** `notificationChannelMessageSchema`: frames of `/api/ws/notifications` and of the SSE stream. */
export const notificationChannelMessageCheck = byType<NotificationChannelMessage>({
  [MessageType.Connected]: frame(MessageType.Connected, object({
    user_id: string,
    connection_id: string,
    message: string,
    timestamp: nonEmptyString,
    heartbeat_interval: number(-Infinity, Infinity, true),
  })),
  [MessageType.Heartbeat]: frame(MessageType.Heartbeat, timestamped),
  [MessageType.Notification]: frame(MessageType.Notification, notificationCheck),
  [MessageType.NotificationRead]: frame(MessageType.NotificationRead, union<{ ids: string[] } | { all: true }>(object({ ids }), object({ all: literal(true) }))),
  [MessageType.Pong]: frame(MessageType.Pong, timestamped),
  [MessageType.Error]: frame(MessageType.Error, object({ code: string, message: string, request_id: optional(string), retry_after: optional(integer(0)) })),
  [MessageType.Resync]: frame(MessageType.Resync, object({ reason: string })),
  [MessageType.NotificationUpdated]: frame(MessageType.NotificationUpdated, object({ items: array(notificationCheck, 1), reason: string })),
  [MessageType.NotificationDeleted]: frame(MessageType.NotificationDeleted, object({ ids })),
  [MessageType.PreferencesUpdated]: frame(MessageType.PreferencesUpdated, object({ preferences: preferencesCheck })),
  [MessageType.Synced]: frame(MessageType.Synced, syncedCheck),
} as Record<string, Check<NotificationChannelMessage>>)

/** `taskChannelMessageSchema`: frames of `/api/ws/tasks/<id>`. */
export const taskChannelMessageCheck = byType<TaskChannelMessage>({
  [MessageType.Progress]: frame(MessageType.Progress, taskProgressCheck),
  [MessageType.Completed]: frame(MessageType.Completed, taskCompletedCheck),
  [MessageType.Error]: frame(MessageType.Error, taskFailedCheck),
  [MessageType.Heartbeat]: frame(MessageType.Heartbeat, timestamped),
} as Record<string, Check<TaskChannelMessage>>)

/** `streamCloseSchema`: the data of the SSE `close` event. */
export const streamCloseCheck: Check<StreamClose> = object({ code: integer(1000, 4999), reason: string })
