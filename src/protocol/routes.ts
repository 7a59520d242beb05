// The route table: every HTTP endpoint with its method, path pattern (`:name` segments) and the hand
// check of the `data` it answers (./checks), which `callRoute` applies. It drives the server's router
// (mock-server/http/routes/*), the app's calls (src/api/) and the msw handlers (tests/msw/), so an
// endpoint is spelled once. No zod here: the zod response schemas are attached to the same names in
// ./routeSchemas (server, msw, and users who want schemas); request bodies, checked by the server
// alone in classic zod, are the `RequestBodies` column in ./requests.
import {
  broadcastResultCheck,
  loginResponseCheck,
  logoutAllResultCheck,
  logoutResultCheck,
  notificationCheck,
  notificationPageCheck,
  nullCheck,
  preferencesCheck,
  statsCheck,
  taskInfoCheck,

  unreadCountCheck,
  updatedCountCheck,
  userCheck,

  type Check,
} from './checks'
import { array, union } from './checks/core'
import type { BroadcastResult, Notification } from './schemas'
import { AuthEndpoints } from './authEndpoints'
import { pathOf } from './pathOf'

// Spelled in ./pathOf, free of the table and its zod schemas, for the REST client the login page loads.
export { pathOf, type PathParams } from './pathOf'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * `rest`: answers `data` in the envelope (the stats endpoint, as the document shows, answers it bare);
 * `stream`: the SSE stream; `socket`: a WebSocket path, whose plain GET says how to connect (426).
 */
export type RouteKind = 'rest' | 'stream' | 'socket'

export interface RouteSpec<Path extends string = string, Data = unknown> {
  /** The HTTP method. */
  readonly method: HttpMethod
  /** Path with `:name` segments. */
  readonly path: Path
  /** How it answers: an enveloped REST reply, an SSE stream or a WebSocket upgrade. */
  readonly kind: RouteKind
  /** Checks the success `data` (the value as the route's response schema outputs it); null for streams and sockets. */
  readonly check: Check<Data> | null
}

/** The success `data` of a route. */
export type DataOf<R> = R extends RouteSpec<string, infer Data> ? Data : never

// Marked free of side effects, so a group of the table nobody references is dropped with its checks.
// @__NO_SIDE_EFFECTS__
function rest<const Path extends string, Data>(method: HttpMethod, path: Path, check: Check<Data>): RouteSpec<Path, Data> {
  return { method, path, kind: 'rest', check }
}

// @__NO_SIDE_EFFECTS__
function upgrade<const Path extends string>(kind: 'stream' | 'socket', path: Path): RouteSpec<Path, never> {
  return { method: 'GET', path, kind, check: null }
}

// The table by resource: the client's code names the group it uses (NotificationRoutes.markRead), so
// a consumer's bundle keeps the checks of the routes it calls and drops the rest (tasks, sign-in…).

/** Sign-in and sessions, spelled by ./authEndpoints (which the login page uses without the table). */
export const AuthRoutes = {
  /** Signs in with username and password: a bearer token, its lifetime and the user. */
  login: rest(AuthEndpoints.login.method, AuthEndpoints.login.path, loginResponseCheck),
  /** Renews the bearer token of a live session. */
  refresh: rest(AuthEndpoints.refresh.method, AuthEndpoints.refresh.path, loginResponseCheck),
  /** Ends this session and closes its live connections. */
  logout: rest(AuthEndpoints.logout.method, AuthEndpoints.logout.path, logoutResultCheck),
  /** Ends every session of the user and closes all their live connections. */
  logoutAll: rest(AuthEndpoints.logoutAll.method, AuthEndpoints.logoutAll.path, logoutAllResultCheck),
  /** The signed-in user. */
  me: rest(AuthEndpoints.me.method, AuthEndpoints.me.path, userCheck),
} as const

export const NotificationRoutes = {
  /** v1.3 `?after_id=N`: only ids above N (the conditional resync: what a client holding N missed). */
  listNotifications: rest('GET', '/api/notifications', notificationPageCheck),
  /** How many of the user's notifications are unread (`{count}`). */
  unreadCount: rest('GET', '/api/notifications/unread_count', unreadCountCheck),
  /** One recipient: the notification (201); `user: "*"`: `{count, items}` (201). */
  createNotification: rest('POST', '/api/notifications', union<Notification | BroadcastResult>(notificationCheck, broadcastResultCheck)),
  /** Marks every unread notification of the user read (`{updated}`). */
  readAll: rest('POST', '/api/notifications/read_all', updatedCountCheck),
  /** v1.1: `{ids, action}` → `{updated}`; ids of other users are skipped and not counted. */
  bulk: rest('POST', '/api/notifications/bulk', updatedCountCheck),
  /** One notification of the user. */
  getNotification: rest('GET', '/api/notifications/:id', notificationCheck),
  /** Marks one notification read; answers it as it now is. */
  markRead: rest('POST', '/api/notifications/:id/read', notificationCheck),
  /** Deletes one notification (`data: null`). */
  deleteNotification: rest('DELETE', '/api/notifications/:id', nullCheck),
  // v1.1 triage (SPEC §3.2): each answers the notification as it now is.
  /** Marks one notification unread again. */
  markUnread: rest('POST', '/api/notifications/:id/unread', notificationCheck),
  /** Done: archived and read. */
  archive: rest('POST', '/api/notifications/:id/archive', notificationCheck),
  /** Back in the inbox, still read. */
  unarchive: rest('POST', '/api/notifications/:id/unarchive', notificationCheck),
  /** `{until}`: hidden until then, back unread. */
  snooze: rest('POST', '/api/notifications/:id/snooze', notificationCheck),
  /** Ends a snooze now: back in the inbox, unread. */
  unsnooze: rest('POST', '/api/notifications/:id/unsnooze', notificationCheck),
} as const

export const PreferenceRoutes = {
  /** The user's notification preferences, defaults filled in. */
  getPreferences: rest('GET', '/api/preferences', preferencesCheck),
  /** Any part of the preferences: merged, validated, answered whole. */
  updatePreferences: rest('PUT', '/api/preferences', preferencesCheck),
} as const

export const TaskRoutes = {
  /** Starts an analysis task and answers it; its progress comes over the task socket. */
  startTask: rest('POST', '/api/tasks', taskInfoCheck),
  /** The user's tasks (an admin's: everyone's), newest first; `?limit=N`. */
  listTasks: rest('GET', '/api/tasks', array(taskInfoCheck)),
  /** One task as it is now. */
  getTask: rest('GET', '/api/tasks/:id', taskInfoCheck),
} as const

/** The live connection's paths: the SSE stream, the sockets, and the health its backoff probes. */
export const ConnectionRoutes = {
  /** The SSE stream: the notification frames for a client that cannot keep a WebSocket. */
  stream: upgrade('stream', '/api/notifications/stream'),
  /**
   * Answers `null` at once, open to anyone, whatever the number of users online: what the backoff probes
   * (and a load balancer may). A busy server answers 503 with a Retry-After, as to any request.
   */
  health: rest('GET', '/api/ws/health', nullCheck),
  /** The notification WebSocket: pushes, reads and heartbeats of the signed-in user. */
  notificationsSocket: upgrade('socket', '/api/ws/notifications'),
  /** One task's WebSocket: its progress frames until it finishes. */
  taskSocket: upgrade('socket', '/api/ws/tasks/:id'),
} as const

/** Who is online: the stats page's (and the document's) view, apart from what a client's connection needs. */
export const StatsRoutes = {
  /** Users and connections online, answered bare (not in the envelope); it grows with the users online. */
  stats: rest('GET', '/api/ws/stats', statsCheck),
} as const

// Routes and Paths read the groups inside a function marked pure: a bundler counts a spread or a
// property read at module level as a possible side effect, which would keep every group and its checks.

/** Every route, by name: what the server's router, msw and RouteSchemas are keyed by. */
export const Routes = /* @__PURE__ */ (() => ({
  ...AuthRoutes,
  ...NotificationRoutes,
  ...PreferenceRoutes,
  ...TaskRoutes,
  ...ConnectionRoutes,
  ...StatsRoutes,
}) as const)()
export type RouteName = keyof typeof Routes

export interface CompiledPath {
  /** Matches a whole pathname; group i is the raw (still encoded) value of `names[i]`. */
  pattern: RegExp
  names: string[]
}

/** A path pattern as a regular expression, for the server's router and socket upgrade. */
export function compilePath(path: string): CompiledPath {
  const names: string[] = []
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':'))
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(segment.slice(1))
      return '([^/]+)'
    })
    .join('/')
  return { pattern: new RegExp(`^${source}$`), names }
}

/** Endpoint paths as the app and the tests spell them, derived from the table. */
export const Paths = /* @__PURE__ */ (() => ({
  /** The notification WebSocket. */
  notificationsSocket: Routes.notificationsSocket.path,
  /** One task's WebSocket. */
  taskSocket: (taskId: string) => pathOf(Routes.taskSocket, { id: taskId }),
  /** The server's connection counts. */
  stats: Routes.stats.path,
  /** Whether the server answers (what the backoff probes). */
  health: Routes.health.path,
  /** Sign in. */
  login: Routes.login.path,
  /** Renew the bearer token. */
  refresh: Routes.refresh.path,
  /** End this session. */
  logout: Routes.logout.path,
  /** End every session of the user. */
  logoutAll: Routes.logoutAll.path,
  /** List (GET) or create (POST) notifications. */
  notifications: Routes.listNotifications.path,
  /** The unread count. */
  unreadCount: Routes.unreadCount.path,
  /** Mark all read. */
  readAll: Routes.readAll.path,
  /** Mark one notification read. */
  notificationRead: (id: string) => pathOf(Routes.markRead, { id }),
  /** Mark one notification unread. */
  notificationUnread: (id: string) => pathOf(Routes.markUnread, { id }),
  /** Archive one notification (done). */
  archive: (id: string) => pathOf(Routes.archive, { id }),
  /** Bring one notification back to the inbox. */
  unarchive: (id: string) => pathOf(Routes.unarchive, { id }),
  /** Snooze one notification until a time. */
  snooze: (id: string) => pathOf(Routes.snooze, { id }),
  /** End one notification's snooze. */
  unsnooze: (id: string) => pathOf(Routes.unsnooze, { id }),
  /** Apply one action to many notifications. */
  bulk: Routes.bulk.path,
  /** Read (GET) or change (PUT) the preferences. */
  preferences: Routes.getPreferences.path,
  /** Read (GET) or delete (DELETE) one notification. */
  notification: (id: string) => pathOf(Routes.getNotification, { id }),
  /** The SSE stream. */
  stream: Routes.stream.path,
  /** List (GET) or start (POST) tasks. */
  tasks: Routes.listTasks.path,
  /** One task. */
  task: (id: string) => pathOf(Routes.getTask, { id }),
}) as const)()
