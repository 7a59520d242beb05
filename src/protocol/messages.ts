// The send side of the contract: every frame or SSE event a server sends (ours, and msw's in the app's
// tests) is built here, typed by the same zod schemas the client parses it with, so a builder that
// drifts from the schema fails the typecheck (and tests/protocol/messages.test.ts parses each one).
// Builders only assemble objects: the server's hot path serialises a push once and parses nothing.
import { MessageType, type ErrorCodeValue, type ResyncReasonValue, type UpdateReasonValue } from './constants'
import type { Preferences } from './preferences'
import type { Notification, NotificationChannelMessage, StreamClose, Synced, TaskChannelMessage } from './schemas'

type OfType<Union, Type> = Extract<Union, { type: Type }>
export type ConnectedMessage = OfType<NotificationChannelMessage, typeof MessageType.Connected>
export type HeartbeatMessage = OfType<NotificationChannelMessage, typeof MessageType.Heartbeat>
export type NotificationMessage = OfType<NotificationChannelMessage, typeof MessageType.Notification>
export type NotificationReadMessage = OfType<NotificationChannelMessage, typeof MessageType.NotificationRead>
export type PongMessage = OfType<NotificationChannelMessage, typeof MessageType.Pong>
export type ErrorMessage = OfType<NotificationChannelMessage, typeof MessageType.Error>
export type ResyncMessage = OfType<NotificationChannelMessage, typeof MessageType.Resync>
export type NotificationUpdatedMessage = OfType<NotificationChannelMessage, typeof MessageType.NotificationUpdated>
export type NotificationDeletedMessage = OfType<NotificationChannelMessage, typeof MessageType.NotificationDeleted>
export type PreferencesUpdatedMessage = OfType<NotificationChannelMessage, typeof MessageType.PreferencesUpdated>
export type SyncedMessage = OfType<NotificationChannelMessage, typeof MessageType.Synced>
/** SSE only: the `close` event, whose data the client reads with `parseStreamClose`. */
export interface StreamCloseMessage { type: typeof MessageType.Close, data: StreamClose }

/** Everything a server sends: notification-channel frames, task-socket frames, the SSE `close` event. */
export type ServerMessage = NotificationChannelMessage | TaskChannelMessage | StreamCloseMessage

const now = () => new Date().toISOString()

export interface ConnectedFields {
  userId: string
  connectionId: string
  /** A human-readable greeting (the document's "WebSocket 连接成功"). */
  message: string
  /** Seconds between the server's heartbeats: the client's watchdog waits a little longer than this. */
  heartbeatIntervalSec: number
}

/** The first frame of a notification socket or stream: the client's cue that it is connected and should resync. */
export function connectedMessage(fields: ConnectedFields, timestamp = now()): ConnectedMessage {
  return {
    type: MessageType.Connected,
    data: {
      user_id: fields.userId,
      connection_id: fields.connectionId,
      message: fields.message,
      timestamp,
      heartbeat_interval: fields.heartbeatIntervalSec,
    },
  }
}

/**
 * `encodeMessage(connectedMessage(fields, timestamp))`, written out: the frame every socket gets first,
 * so a connect costs one template instead of building an object and serialising it. The same text,
 * key order and escaping (tests/protocol/messages.test.ts compares them).
 */
export function encodeConnectedMessage(fields: ConnectedFields, timestamp = now()): string {
  return `{"type":${JSON.stringify(MessageType.Connected)},"data":{"user_id":${JSON.stringify(fields.userId)},`
    + `"connection_id":${JSON.stringify(fields.connectionId)},"message":${JSON.stringify(fields.message)},`
    + `"timestamp":${JSON.stringify(timestamp)},"heartbeat_interval":${JSON.stringify(fields.heartbeatIntervalSec)}}}`
}

export function heartbeatMessage(timestamp = now()): HeartbeatMessage {
  return { type: MessageType.Heartbeat, data: { timestamp } }
}

export function pongMessage(timestamp = now()): PongMessage {
  return { type: MessageType.Pong, data: { timestamp } }
}

/**
 * The answer to a client frame the server could not use, naming the `sync` it answers (if any) and, when
 * busy, how many seconds to wait; the socket stays open.
 */
export function errorMessage(code: ErrorCodeValue, message: string, requestId?: string, retryAfterSec?: number): ErrorMessage {
  const data: ErrorMessage['data'] = { code, message }
  if (requestId !== undefined)
    data.request_id = requestId
  if (retryAfterSec !== undefined)
    data.retry_after = retryAfterSec
  return { type: MessageType.Error, data }
}

/** v1.4: the answer to a `sync`: the items, the inbox's total and the unread count, read together. */
export function syncedMessage(data: Omit<Synced, 'timestamp'>, timestamp = now()): SyncedMessage {
  return { type: MessageType.Synced, data: { ...data, timestamp } }
}

/**
 * The items' JSON, kept for each frozen list the server's read memo hands out: in a reconnect storm
 * every returning tab of a user is answered with the same list, and serialising its hundred items was
 * most of what a `sync` cost once the read itself was memoised. Only a frozen list of frozen items is
 * kept (what the memo hands out): anything else could change under its text, so it is serialised afresh.
 */
const itemsJson = new WeakMap<readonly Notification[], string>()

function jsonOfItems(items: readonly Notification[]): string {
  // A kept list was frozen, items and all, when it was kept, and frozen things stay as they were.
  let json = itemsJson.get(items)
  if (json === undefined) {
    json = JSON.stringify(items)
    if (Object.isFrozen(items) && items.every(item => Object.isFrozen(item)))
      itemsJson.set(items, json)
  }
  return json
}

/**
 * `encodeMessage(syncedMessage(data, timestamp))`, written out around the items' kept JSON (above). The
 * same text, key order and escaping (tests/protocol/messages.test.ts compares them).
 */
export function encodeSyncedMessage(data: Omit<Synced, 'timestamp'>, timestamp = now()): string {
  return `{"type":${JSON.stringify(MessageType.Synced)},"data":{"request_id":${JSON.stringify(data.request_id)},`
    + `"items":${jsonOfItems(data.items)},"total":${JSON.stringify(data.total)},`
    + `"unread_count":${JSON.stringify(data.unread_count)},"timestamp":${JSON.stringify(timestamp)}}}`
}

export function notificationMessage(notification: Notification): NotificationMessage {
  return { type: MessageType.Notification, data: notification }
}

/** Read state changed elsewhere: these ids (at least one), or `'all'` of the user's notifications. */
export function notificationReadMessage(ids: readonly [string, ...string[]] | 'all'): NotificationReadMessage {
  return { type: MessageType.NotificationRead, data: ids === 'all' ? { all: true } : { ids: [...ids] } }
}

/** v1.1: these items changed (their whole new state), for this reason; a snooze that ended reads as an arrival. */
export function notificationUpdatedMessage(items: readonly [Notification, ...Notification[]], reason: UpdateReasonValue): NotificationUpdatedMessage {
  return { type: MessageType.NotificationUpdated, data: { items: [...items], reason } }
}

/** v1.1: these items were deleted (at least one). */
export function notificationDeletedMessage(ids: readonly [string, ...string[]]): NotificationDeletedMessage {
  return { type: MessageType.NotificationDeleted, data: { ids: [...ids] } }
}

/** v1.1: the user's preferences as just saved, whole. */
export function preferencesUpdatedMessage(preferences: Preferences): PreferencesUpdatedMessage {
  return { type: MessageType.PreferencesUpdated, data: { preferences } }
}

/** Pushes may have been missed: the client fetches its inbox and unread count again. */
export function resyncMessage(reason: ResyncReasonValue): ResyncMessage {
  return { type: MessageType.Resync, data: { reason } }
}

/** The SSE stream ends for the reason this WebSocket close code would give. */
export function streamCloseMessage(code: number, reason: string): StreamCloseMessage {
  return { type: MessageType.Close, data: { code, reason } }
}
