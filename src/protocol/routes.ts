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
  readonly method: HttpMethod
  /** Path with `:name` segments. */
  readonly path: Path
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
  login: rest(AuthEndpoints.login.method, AuthEndpoints.login.path, loginResponseCheck),
  refresh: rest(AuthEndpoints.refresh.method, AuthEndpoints.refresh.path, loginResponseCheck),
  logout: rest(AuthEndpoints.logout.method, AuthEndpoints.logout.path, logoutResultCheck),
  logoutAll: rest(AuthEndpoints.logoutAll.method, AuthEndpoints.logoutAll.path, logoutAllResultCheck),
  me: rest(AuthEndpoints.me.method, AuthEndpoints.me.path, userCheck),
} as const

export const NotificationRoutes = {
  /** v1.3 `?after_id=N`: only ids above N (the conditional resync: what a client holding N missed). */
  listNotifications: rest('GET', '/api/notifications', notificationPageCheck),
  unreadCount: rest('GET', '/api/notifications/unread_count', unreadCountCheck),
  /** One recipient: the notification (201); `user: "*"`: `{count, items}` (201). */
  createNotification: rest('POST', '/api/notifications', union<Notification | BroadcastResult>(notificationCheck, broadcastResultCheck)),
  readAll: rest('POST', '/api/notifications/read_all', updatedCountCheck),
  /** v1.1: `{ids, action}` → `{updated}`; ids of other users are skipped and not counted. */
  bulk: rest('POST', '/api/notifications/bulk', updatedCountCheck),
  getNotification: rest('GET', '/api/notifications/:id', notificationCheck),
  markRead: rest('POST', '/api/notifications/:id/read', notificationCheck),
  deleteNotification: rest('DELETE', '/api/notifications/:id', nullCheck),
  // v1.1 triage (SPEC §3.2): each answers the notification as it now is.
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
  getPreferences: rest('GET', '/api/preferences', preferencesCheck),
  /** Any part of the preferences: merged, validated, answered whole. */
  updatePreferences: rest('PUT', '/api/preferences', preferencesCheck),
} as const

export const TaskRoutes = {
  startTask: rest('POST', '/api/tasks', taskInfoCheck),
  listTasks: rest('GET', '/api/tasks', array(taskInfoCheck)),
  getTask: rest('GET', '/api/tasks/:id', taskInfoCheck),
} as const

/** The live connection's paths: the SSE stream, the sockets, and the stats its backoff probes. */
export const ConnectionRoutes = {
  stream: upgrade('stream', '/api/notifications/stream'),
  stats: rest('GET', '/api/ws/stats', statsCheck),
  notificationsSocket: upgrade('socket', '/api/ws/notifications'),
  taskSocket: upgrade('socket', '/api/ws/tasks/:id'),
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
  notificationsSocket: Routes.notificationsSocket.path,
  taskSocket: (taskId: string) => pathOf(Routes.taskSocket, { id: taskId }),
  stats: Routes.stats.path,
  login: Routes.login.path,
  refresh: Routes.refresh.path,
  logout: Routes.logout.path,
  logoutAll: Routes.logoutAll.path,
  notifications: Routes.listNotifications.path,
  unreadCount: Routes.unreadCount.path,
  readAll: Routes.readAll.path,
  notificationRead: (id: string) => pathOf(Routes.markRead, { id }),
  notificationUnread: (id: string) => pathOf(Routes.markUnread, { id }),
  archive: (id: string) => pathOf(Routes.archive, { id }),
  unarchive: (id: string) => pathOf(Routes.unarchive, { id }),
  snooze: (id: string) => pathOf(Routes.snooze, { id }),
  unsnooze: (id: string) => pathOf(Routes.unsnooze, { id }),
  bulk: Routes.bulk.path,
  preferences: Routes.getPreferences.path,
  notification: (id: string) => pathOf(Routes.getNotification, { id }),
  stream: Routes.stream.path,
  tasks: Routes.listTasks.path,
  task: (id: string) => pathOf(Routes.getTask, { id }),
}) as const)()
