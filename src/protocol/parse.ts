import type { ZodMiniType } from 'zod/mini'
import type { $ZodError } from 'zod/v4/core'
import { ErrorCode, MessageType, type ErrorCodeValue } from './constants'
import { checkNotification } from './notificationCheck'
import {
  clientMessageSchema,
  notificationChannelMessageSchema,
  streamCloseSchema,
  taskChannelMessageSchema,
  type ClientMessage,
  type StreamClose,
  type NotificationChannelMessage,
  type TaskChannelMessage,
} from './schemas'
import type { ServerMessage } from './messages'

export type ParseResult<T> =
  | { ok: true, value: T }
  | { ok: false, code: ErrorCodeValue, message: string }

/**
 * A readable one-line summary of a validation failure, for `error` frames and 422 bodies. Takes the
 * error of any zod schema, classic or mini.
 */
export function describeIssues(error: $ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(issue => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
}

/** A hand-written check for the frequent frames of a channel: the value, or null to let the schema decide. */
type FastPath<T> = (json: { type: string }) => T | null

function parseFrame<T>(schema: ZodMiniType<T>, raw: unknown, knownTypes: ReadonlySet<string>, fast?: FastPath<T>): ParseResult<T> {
  let json: unknown
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw)
    }
    catch {
      return { ok: false, code: ErrorCode.InvalidJson, message: 'message is not valid JSON' }
    }
  }
  else {
    json = raw
  }
  const type = (json as { type?: unknown } | null)?.type
  if (typeof type !== 'string' || !knownTypes.has(type))
    return { ok: false, code: ErrorCode.UnknownType, message: `unknown message type: ${String(type).slice(0, 64)}` }
  const quick = fast?.(json as { type: string })
  if (quick)
    return { ok: true, value: quick }
  const result = schema.safeParse(json)
  if (!result.success)
    return { ok: false, code: ErrorCode.InvalidMessage, message: describeIssues(result.error) }
  return { ok: true, value: result.data }
}

/** The `type` values a discriminated union of `{type: literal, ...}` objects accepts. */
function typesOf(schema: { _zod: { propValues: Record<string, Set<unknown>> } }): ReadonlySet<string> {
  return new Set([...schema._zod.propValues.type].filter((value): value is string => typeof value === 'string'))
}

const notificationChannelTypes = typesOf(notificationChannelMessageSchema)
const taskChannelTypes = typesOf(taskChannelMessageSchema)
const clientTypes = typesOf(clientMessageSchema)

/** A pushed notification, the frame a burst is made of, without zod's general machinery (./notificationCheck). */
function fastNotificationFrame(json: { type: string, data?: unknown }): NotificationChannelMessage | null {
  if (json.type !== MessageType.Notification || Array.isArray(json))
    return null
  const data = checkNotification(json.data)
  return data && { type: MessageType.Notification, data }
}

/** Parses a frame (text or already-decoded JSON) from the notification socket. */
export function parseNotificationChannelMessage(raw: unknown): ParseResult<NotificationChannelMessage> {
  return parseFrame(notificationChannelMessageSchema, raw, notificationChannelTypes, fastNotificationFrame)
}

/** Parses a frame from a task socket. */
export function parseTaskChannelMessage(raw: unknown): ParseResult<TaskChannelMessage> {
  return parseFrame(taskChannelMessageSchema, raw, taskChannelTypes)
}

/** Parses a frame sent by a client to the server. */
export function parseClientMessage(raw: unknown): ParseResult<ClientMessage> {
  return parseFrame(clientMessageSchema, raw, clientTypes)
}

/** The data of an SSE `close` event (JSON text), or null when it is not one. */
export function parseStreamClose(raw: string): StreamClose | null {
  let json: unknown
  try {
    json = JSON.parse(raw)
  }
  catch {
    return null
  }
  const result = streamCloseSchema.safeParse(json)
  return result.success ? result.data : null
}

/** Serialises a message in the wire shape `{type, data}`: only protocol messages, built by ./messages. */
export function encodeMessage(message: ServerMessage | ClientMessage): string {
  return JSON.stringify(message)
}
