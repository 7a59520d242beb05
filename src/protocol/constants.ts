/** Every message `type` on the wire. The only place these strings are spelled. */
export const MessageType = {
  /** The server accepted the socket or stream: who, which connection, how often heartbeats come. */
  Connected: 'connected',
  /** The server is alive (every `heartbeat_interval` seconds). */
  Heartbeat: 'heartbeat',
  /** A new notification for this user. */
  Notification: 'notification',
  /** Notifications (or all of them) were marked read, in any tab or device. */
  NotificationRead: 'notification_read',
  /** The answer to a client's `ping`. */
  Pong: 'pong',
  /** A frame the server could not take (notification channel), or a failed task (task channel). */
  Error: 'error',
  /** Client to server: is the link alive? */
  Ping: 'ping',
  /** A task's progress: step, percent, message. */
  Progress: 'progress',
  /** A task finished, with its result; the server then closes the task socket. */
  Completed: 'completed',
  /** Pushes may have been missed (the cluster's Redis was away): fetch the inbox and unread count again. */
  Resync: 'resync',
  /** SSE only: the server is ending the stream, with the meaning a WebSocket close code would carry. */
  Close: 'close',
  /** v1.1: items changed by a triage action (unread, done, snooze…) or a snooze that ended. */
  NotificationUpdated: 'notification_updated',
  /** v1.1: items deleted (one, or a bulk delete). */
  NotificationDeleted: 'notification_deleted',
  /** v1.1: the user's preferences were saved; every tab and device applies them. */
  PreferencesUpdated: 'preferences_updated',
  /** v1.4, client to server: resync over this socket (what was missed since an id, the first page, the count). */
  Sync: 'sync',
  /** v1.4: the answer to one `sync`, carrying its `request_id`. */
  Synced: 'synced',
} as const
export type MessageTypeName = (typeof MessageType)[keyof typeof MessageType]

/** WebSocket close codes used by the protocol (SPEC §1.1, §1.2). */
export const CloseCode = {
  /** Closed on purpose: a finished task (server), `disconnect()` (client). */
  Normal: 1000,
  /** The server is shutting down: reconnect with backoff. */
  GoingAway: 1001,
  /** Too many messages from the client. */
  PolicyViolation: 1008,
  /** A frame over the size limit. */
  MessageTooBig: 1009,
  /** The token is missing, bad, expired or signed out (see `CloseCause`): do not retry with it. */
  Unauthorized: 4401,
  /** The task is another user's. */
  Forbidden: 4403,
  /** No such task. */
  NotFound: 4404,
  /** A newer connection of the same user took over (see `CloseCause`). */
  Replaced: 4409,
  /** Too many task sockets or connects for this user: retry later, with backoff. */
  TooManyRequests: 4429,
  /** Reported by browsers when a socket died without a close frame (never sent). */
  Abnormal: 1006,
  /** Sent by a client that gives up on a socket it believes dead (watchdog, open timeout). */
  ClientAbandoned: 4000,
} as const
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

export const CloseReason: Record<number, string> = {
  [CloseCode.Unauthorized]: 'unauthorized',
  [CloseCode.Forbidden]: 'forbidden',
  [CloseCode.NotFound]: 'task not found',
  [CloseCode.Replaced]: 'replaced',
  [CloseCode.TooManyRequests]: 'too many requests, retry later',
  [CloseCode.GoingAway]: 'server shutting down',
  [CloseCode.MessageTooBig]: 'frame too large',
  [CloseCode.PolicyViolation]: 'too many messages',
}

/**
 * Close reasons that name one cause among several of a code, sent instead of its `CloseReason`. Clients
 * act on the code alone; the reason is for people and logs.
 */
export const CloseCause = {
  /** 4401: the token the connection was opened with has expired. */
  TokenExpired: 'token expired',
  /** 4401: its sign-in session was signed out (POST /api/auth/logout). */
  LoggedOut: 'logged out',
  /** 4401: every session of the user was signed out (POST /api/auth/logout_all). */
  SignedOutEverywhere: 'signed out everywhere',
  /** 1000 on a task socket: the task completed or failed, nothing more will come. */
  TaskFinished: 'task finished',
  /** 1000 from a client: `disconnect()`, it will not reconnect. */
  ClientDisconnect: 'client disconnect',
} as const

/** Why the server asks for a `resync`. Clients resync whatever the reason, so new reasons need no new client. */
export const ResyncReason = {
  /** Pushes to this connection may have been lost between server processes (Redis away). */
  MissedPushes: 'missed_pushes',
} as const
export type ResyncReasonValue = (typeof ResyncReason)[keyof typeof ResyncReason]

/** Codes carried by an `error` frame on the notification socket. */
export const ErrorCode = {
  /** The frame was not JSON. */
  InvalidJson: 'invalid_json',
  /** The frame's `type` is not one a client may send. */
  UnknownType: 'unknown_type',
  /** The frame's `data` does not fit its type. */
  InvalidMessage: 'invalid_message',
  /** v1.4: a `sync` the server could not answer (its storage failed): resync by REST. */
  Unavailable: 'unavailable',
  /** v1.4: a `sync` turned away in a burst: ask again after `retry_after` seconds (as a REST 503 would say). */
  Busy: 'busy',
} as const
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

export const NOTIFICATION_TYPES = ['analysis', 'alert', 'system'] as const
export type NotificationType = (typeof NOTIFICATION_TYPES)[number]

export const NOTIFICATION_STATUSES = ['unread', 'read'] as const
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number]

/** Which part of the inbox `GET /api/notifications?view=` lists (SPEC §3.2). */
export const NOTIFICATION_VIEWS = ['inbox', 'archived', 'snoozed', 'all'] as const
export type NotificationView = (typeof NOTIFICATION_VIEWS)[number]
export const DEFAULT_NOTIFICATION_VIEW: NotificationView = 'inbox'

/** `POST /api/notifications/bulk` actions. */
export const BULK_ACTIONS = ['read', 'unread', 'archive', 'unarchive', 'delete'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

/**
 * Why a `notification_updated` push was sent. Clients read `SnoozeEnded` as an arrival (it may interrupt
 * and raises the badge) and apply the items of any other reason as they are, so a reason added later
 * needs no new client.
 */
export const UpdateReason = {
  Unread: 'unread',
  Archive: 'archive',
  Unarchive: 'unarchive',
  Snooze: 'snooze',
  Unsnooze: 'unsnooze',
  SnoozeEnded: 'snooze_ended',
  /** A bulk action: `bulk_read`, `bulk_unread`, `bulk_archive`, `bulk_unarchive`. */
  BulkRead: 'bulk_read',
  BulkUnread: 'bulk_unread',
  BulkArchive: 'bulk_archive',
  BulkUnarchive: 'bulk_unarchive',
} as const
export type UpdateReasonValue = (typeof UpdateReason)[keyof typeof UpdateReason]

/** Ids one bulk request may name. */
export const MAX_BULK_IDS = 100
/** Longest `q` of the list query, in characters. */
export const MAX_SEARCH_LENGTH = 100
/** How far ahead a snooze may end. */
export const MAX_SNOOZE_DAYS = 30

export const TASK_STATUSES = ['pending', 'running', 'completed', 'error'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
/** A task in one of these states will not change again: its watchers are closed, it no longer counts as running. */
export const FINISHED_TASK_STATUSES = ['completed', 'error'] as const satisfies readonly TaskStatus[]

/**
 * BroadcastChannel names between the tabs of one browser (the first is also the Web Lock whose holder
 * runs the one notification connection). Renaming one splits old and new tabs during a deploy.
 */
export const TabChannelName = {
  /** The leader tab's connection: frames and state to the followers, their `send()` to the leader. */
  Notifications: 'tidings-notifications',
  /** Read and delete actions done in one tab, applied by the others. */
  Inbox: 'tidings-inbox',
  /** A task started in one tab, announced to the others. */
  Tasks: 'tidings-tasks',
} as const

/** Subprotocol form of auth: `Sec-WebSocket-Protocol: tidings.v1, bearer.<jwt>`. */
export const SUBPROTOCOL = 'tidings.v1'
export const BEARER_SUBPROTOCOL_PREFIX = 'bearer.'

/**
 * The token a socket request carries: `?token=` first, else a `bearer.<jwt>` among the offered
 * subprotocols. `search` is the request's query string (with or without its `?`).
 */
export function socketTokenOf(search: string, offeredSubprotocols: readonly string[]): string | null {
  const fromQuery = queryValue(search, 'token')
  if (fromQuery)
    return fromQuery
  const bearer = offeredSubprotocols.find(item => item.startsWith(BEARER_SUBPROTOCOL_PREFIX))
  return bearer ? bearer.slice(BEARER_SUBPROTOCOL_PREFIX.length) : null
}

/**
 * The first value of `name` in a query string, as `URLSearchParams.get` reads it; a value with nothing
 * to decode (a JWT) is taken as it stands, which spares every connect a full parse of the query.
 */
function queryValue(search: string, name: string): string | null {
  const query = search.startsWith('?') ? search.slice(1) : search
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=')
    const key = equals < 0 ? pair : pair.slice(0, equals)
    if (key !== name) {
      if (/[%+]/.test(key))
        return new URLSearchParams(query).get(name)
      continue
    }
    const value = equals < 0 ? '' : pair.slice(equals + 1)
    return /[%+]/.test(value) ? new URLSearchParams(query).get(name) : value
  }
  return null
}

/** Largest client frame the server accepts; bigger closes with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024
/**
 * Output a client has not read yet that the server keeps for one WebSocket or SSE stream; past it the
 * connection is dropped (the client reconnects and resyncs, an SSE stream replays by Last-Event-ID).
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024
/** Per-user notification retention on the server. */
export const MAX_NOTIFICATIONS_PER_USER = 1000
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
/** Longest `request_id` of a client's `sync` (characters). */
export const MAX_REQUEST_ID_LENGTH = 64
/** Recipient value of `POST /api/notifications` that means every user. */
export const BROADCAST_RECIPIENT = '*'
