/**
 * The protocol (message types, schemas, route table) and the framework-free client (connection,
 * leader tab, inbox model). No Vue here: it runs in any browser or in Node.
 *
 * @module tidings
 */

// ---- the protocol --------------------------------------------------------------------------
/** Message types, close codes (and their reasons), error codes of the wire protocol. */
export { CloseCode, CloseReason, ErrorCode, MessageType, type CloseCodeValue, type ErrorCodeValue, type MessageTypeName } from '../src/protocol/constants'
/** The protocol's enumerations and limits (notification types, views, bulk actions, task statuses, page sizes). */
export {
  BROADCAST_RECIPIENT,
  BULK_ACTIONS,
  DEFAULT_PAGE_SIZE,
  FINISHED_TASK_STATUSES,
  MAX_BULK_IDS,
  MAX_PAGE_SIZE,
  MAX_SEARCH_LENGTH,
  MAX_SNOOZE_DAYS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  NOTIFICATION_VIEWS,
  SUBPROTOCOL,
  TASK_STATUSES,
  type BulkAction,
  type NotificationStatus,
  type NotificationType,
  type NotificationView,
  type TaskStatus,
} from '../src/protocol/constants'
/** zod/mini schemas of every frame and REST response; the TypeScript types are inferred from them. */
export {
  clientMessageSchema,
  loginResponseSchema,
  notificationChannelMessageSchema,
  notificationPageSchema,
  notificationSchema,
  preferencesSchema,
  statsSchema,
  taskChannelMessageSchema,
  taskInfoSchema,
  userSchema,
  type ClientMessage,
  type Envelope,
  type LoginResponse,
  type Notification,
  type NotificationChannelMessage,
  type NotificationPage,
  type Stats,
  type Synced,
  type SyncRequest,
  type TaskChannelMessage,
  type TaskInfo,
  type User,
} from '../src/protocol/schemas'
/** Frame types the notification socket carries, one per message type. */
export type { ConnectedMessage, NotificationMessage, NotificationReadMessage, ResyncMessage, ServerMessage } from '../src/protocol/messages'
/** The receive side: a raw frame → `{ok: true, value}` or `{ok: false, code, message}`; `encodeMessage` for what a client sends. */
export { encodeMessage, parseNotificationChannelMessage, parseStreamClose, parseTaskChannelMessage, type ParseResult } from '../src/protocol/parse'
/** The route table (method, path, response check per endpoint) and URL builders derived from it. */
export { pathOf, Paths, Routes, type DataOf, type HttpMethod, type PathParams, type RouteKind, type RouteName, type RouteSpec } from '../src/protocol/routes'
/** The same routes by resource: name the group you call, and your bundle keeps only its checks. */
export { AuthRoutes, ConnectionRoutes, NotificationRoutes, PreferenceRoutes, StatsRoutes, TaskRoutes } from '../src/protocol/routes'
/** The zod schema of each route's response, by route name (zod is loaded only if you import this). */
export { RouteSchemas, type RouteSchemaTable } from '../src/protocol/routeSchemas'
/** The checks the client validates with instead of zod: same verdicts and output as the schemas; `runCheck` never throws. */
export {
  CheckError,
  loginResponseCheck,
  notificationChannelMessageCheck,
  notificationCheck,
  notificationPageCheck,
  preferencesCheck,
  runCheck,
  statsCheck,
  taskChannelMessageCheck,
  taskInfoCheck,
  userCheck,
  type Check,
  type CheckResult,
} from '../src/protocol/checks'
/** The sign-in endpoints' methods and paths, and the stored user's check: what a login page needs, without zod. */
export { AuthEndpoints } from '../src/protocol/authEndpoints'
export { userOf } from '../src/protocol/userCheck'
/** The one link policy: an in-app path or an http(s) URL, nothing else is followed. */
export { classifyLink, LINK_POLICY_MESSAGE, type LinkTarget } from '../src/protocol/links'
/** What may interrupt the user: the preferences' schema, defaults and merge. */
export {
  defaultPreferences,
  mergePreferences,
  PREFERENCE_CHANNELS,
  type PreferenceChannel,
  type Preferences,
  type PreferencesPatch,
  type QuietHours,
} from '../src/protocol/preferences'
/** Whether a task has reached a state it will not leave. */
export { isTaskFinished } from '../src/protocol/taskState'
/** Stable keys (and params) of the server's own texts, for translating them. */
export { TextKey, type TextParams } from '../src/protocol/textKeys'

// ---- the REST client -----------------------------------------------------------------------
/** Calls a route of the table with the session's token, one refresh-and-retry on 401; rejects with ApiError. */
export { ApiError, callRoute, type ApiRequestInit, type RouteCallInit } from '../src/api/http'
/** Calls an endpoint by method and path alone (no route-table entry: a login page need not load the table's schemas). */
export { callEndpoint, type Endpoint } from '../src/api/http'

// ---- the framework-free client ----------------------------------------------------------------
/** A connection that knows its state, backs off with jitter, watches heartbeats, refreshes its token once and falls back to SSE. */
export { createConnection } from '../src/realtime/connection'
/** One socket per browser: the leader tab (Web Locks) holds it and relays frames to the other tabs. */
export { browserLocks, createSharedConnection, type LockProvider, type SharedConnectionOptions } from '../src/realtime/leader'
/** Options of `createConnection` (every field documented with its default). */
export type { ConnectionOptions, EventSourceLike } from '../src/realtime/options'
/** The BroadcastChannel a shared connection relays frames on (injectable for tests and Node). */
export type { BroadcastChannelConstructor } from '../src/realtime/tabChannel'
/** v1.4: a resync over the open socket (`RealtimeConnection.sync`), and its answer as the inbox's resync takes it. */
export { inboxSyncOf, SyncFailed, type InboxSyncAnswer, type SyncQuery } from '../src/realtime/syncRequests'
/** What a connection reports: status, snapshot, events. */
export type { CloseInfo, ConnectionEvents, ConnectionSnapshot, ConnectionStatus, InvalidFrame, RealtimeConnection, TransportKind } from '../src/realtime/types'
/** WebSocket and EventSource implementations a connection accepts (Node: the `ws` package, `eventsource`). */
export type { EventSourceConstructor, WebSocketConstructor } from '../src/realtime/transports'
/** The inbox model: held notifications, unread count, optimistic changes, one `apply(event)`. */
export { createInboxModel, type InboxModel, type InboxModelOptions } from '../src/inbox/model'
/** The arrivals recorded while an unread-count request is in flight (`InboxModel.openCountWindow`). */
export type { CountWindow } from '../src/inbox/unreadCount'
/** Turns a notification-channel frame into the inbox event it means (null for heartbeats and the like). */
export { inboxEventOf, type InboxEvent, type OptimisticChange, type RemoteChange } from '../src/inbox/events'
/** What a triage action does: in the inbox or not, counted as unread or not, and its undo. */
export { countsAsUnread, inInbox, undoOf, type ItemAction } from '../src/inbox/changes'

// ---- pure triage helpers -------------------------------------------------------------------
/** Inbox views (inbox, archived, snoozed, all) and which notifications belong to each. */
export { belongsTo, INBOX_VIEWS, type InboxView } from '../src/triage/views'
/** Groups notifications under day headings (today, yesterday, a date). */
export { dayOf, groupByDay, type DayGroup, type DayLabel } from '../src/triage/dayGroups'
/** Keyboard triage: which command a key press means. */
export { triageCommandOf, TRIAGE_KEYS, type TriageCommand, type TriageKey } from '../src/triage/keys'
/** Whether a notification may interrupt now (quiet hours in the saved zone, per type and channel). */
export { inQuietHours, mayInterrupt } from '../src/triage/quietHours'
/** Snooze presets (later today, tomorrow, next week) and the time each means. */
export { snoozeUntil, SNOOZE_PRESETS, type SnoozePreset } from '../src/triage/snoozePresets'
/** Request bodies of the REST routes, as the server validates them. */
export type { CreateNotificationRequest, CreateTaskRequest } from '../src/protocol/requests'
/** The list route's query (view, search, status, type, page). */
export type { NotificationListQuery } from '../src/api/notifications'
/** Whether the page is hidden (a background tab): where a toast would go unseen. False in Node. */
export { pageHidden } from '../src/utils/pageVisibility'
