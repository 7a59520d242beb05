// The client's receive side: a raw frame (text, or JSON a tab relayed) → {ok: true, value} or
// {ok: false, code, message}, checked by hand (./checks) so the browser loads no zod. The server
// parses what clients send in ./parseClientMessage.ts.
import { ErrorCode, MessageType, type ErrorCodeValue } from './constants'
import { checkNotification } from './notificationCheck'
import { notificationChannelMessageCheck, runCheck, streamCloseCheck, taskChannelMessageCheck, type Check } from './checks'
import type { ClientMessage, NotificationChannelMessage, StreamClose, TaskChannelMessage } from './schemas'
import type { ServerMessage } from './messages'

/** A parsed frame, or why it was refused. */
export type ParseResult<T> =
  | {
    /** The frame passed its check. */
    ok: true
    /** The frame as its schema outputs it. */
    value: T
  }
  | {
    /** The frame was refused. */
    ok: false
    /** The protocol's error code for the refusal (`ErrorCode`), as an `error` frame would carry it. */
    code: ErrorCodeValue
    /** What was wrong with it, in one line. */
    message: string
  }

/** Decodes a frame and hands a known `type` to `decide`; invalid JSON and unknown types are refused here. */
export function decodeFrame<T>(raw: unknown, knownTypes: ReadonlySet<unknown>, decide: (json: { type: string }) => ParseResult<T>): ParseResult<T> {
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
  return decide(json as { type: string })
}

/** The frame as its check outputs it, or `invalid_message` with the check's `path: reason`. */
function checked<T>(check: Check<T>, json: unknown): ParseResult<T> {
  const result = runCheck(check, json)
  return result.ok ? result : { ok: false, code: ErrorCode.InvalidMessage, message: result.message }
}

/** A pushed notification, the frame a burst is made of, by the quicker field-by-field check (./notificationCheck). */
function notificationFrame(json: { type: string, data?: unknown }): NotificationChannelMessage | null {
  if (json.type !== MessageType.Notification || Array.isArray(json))
    return null
  const data = checkNotification(json.data)
  return data && { type: MessageType.Notification, data }
}

function decideNotificationFrame(json: { type: string }): ParseResult<NotificationChannelMessage> {
  const quick = notificationFrame(json)
  return quick ? { ok: true, value: quick } : checked(notificationChannelMessageCheck, json)
}

const decideTaskFrame = (json: unknown) => checked(taskChannelMessageCheck, json)

/** Parses a frame (text or already-decoded JSON) from the notification socket. */
export function parseNotificationChannelMessage(raw: unknown): ParseResult<NotificationChannelMessage> {
  return decodeFrame(raw, notificationChannelMessageCheck.types, decideNotificationFrame)
}

/** Parses a frame from a task socket. */
export function parseTaskChannelMessage(raw: unknown): ParseResult<TaskChannelMessage> {
  return decodeFrame(raw, taskChannelMessageCheck.types, decideTaskFrame)
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
  const result = runCheck(streamCloseCheck, json)
  return result.ok ? result.value : null
}

/** Serialises a message in the wire shape `{type, data}`: only protocol messages, built by ./messages. */
export function encodeMessage(message: ServerMessage | ClientMessage): string {
  return JSON.stringify(message)
}
