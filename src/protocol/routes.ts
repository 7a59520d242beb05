// The route table: every HTTP endpoint with its method, path pattern (`:name` segments) and the schema
// of the `data` it answers. It drives the server's router (mock-server/http/routes/*), the app's calls
// (src/api/) and the msw handlers (tests/msw/), so an endpoint is spelled once. Request bodies, checked
// by the server alone in classic zod, are the `RequestBodies` column in ./requests (kept out of the app).
import * as z from 'zod/mini'
import {
  broadcastResultSchema,
  bulkResultSchema,
  loginResponseSchema,
  logoutAllResultSchema,
  logoutResultSchema,
  notificationPageSchema,
  notificationSchema,
  readAllResultSchema,
  statsSchema,
  taskInfoSchema,
  unreadCountSchema,
  userSchema,
} from './schemas'
import { preferencesSchema } from './preferences'
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
  /** The success `data`; null for streams and sockets. Typed, so the server's replies are checked against it. */
  readonly response: z.ZodMiniType<Data> | null
}

/** The success `data` of a route. */
export type DataOf<R> = R extends RouteSpec<string, infer Data> ? Data : never

function rest<const Path extends string, Schema extends z.ZodMiniType>(method: HttpMethod, path: Path, response: Schema): RouteSpec<Path, z.output<Schema>> {
  return { method, path, kind: 'rest', response: response as z.ZodMiniType<z.output<Schema>> }
}

function upgrade<const Path extends string>(kind: 'stream' | 'socket', path: Path): RouteSpec<Path, never> {
  return { method: 'GET', path, kind, response: null }
}

export const Routes = {
  login: rest(AuthEndpoints.login.method, AuthEndpoints.login.path, loginResponseSchema),
  refresh: rest(AuthEndpoints.refresh.method, AuthEndpoints.refresh.path, loginResponseSchema),
  logout: rest(AuthEndpoints.logout.method, AuthEndpoints.logout.path, logoutResultSchema),
  logoutAll: rest(AuthEndpoints.logoutAll.method, AuthEndpoints.logoutAll.path, logoutAllResultSchema),
  me: rest(AuthEndpoints.me.method, AuthEndpoints.me.path, userSchema),

  /** v1.3 `?after_id=N`: only ids above N (the conditional resync: what a client holding N missed). */
  listNotifications: rest('GET', '/api/notifications', notificationPageSchema),
  unreadCount: rest('GET', '/api/notifications/unread_count', unreadCountSchema),
  stream: upgrade('stream', '/api/notifications/stream'),
  /** One recipient: the notification (201); `user: "*"`: `{count, items}` (201). */
  createNotification: rest('POST', '/api/notifications', z.union([notificationSchema, broadcastResultSchema])),
  readAll: rest('POST', '/api/notifications/read_all', readAllResultSchema),
  /** v1.1: `{ids, action}` → `{updated}`; ids of other users are skipped and not counted. */
  bulk: rest('POST', '/api/notifications/bulk', bulkResultSchema),
  getNotification: rest('GET', '/api/notifications/:id', notificationSchema),
  markRead: rest('POST', '/api/notifications/:id/read', notificationSchema),
  deleteNotification: rest('DELETE', '/api/notifications/:id', z.null()),
  // v1.1 triage (SPEC §3.2): each answers the notification as it now is.
  markUnread: rest('POST', '/api/notifications/:id/unread', notificationSchema),
  /** Done: archived and read. */
  archive: rest('POST', '/api/notifications/:id/archive', notificationSchema),
  /** Back in the inbox, still read. */
  unarchive: rest('POST', '/api/notifications/:id/unarchive', notificationSchema),
  /** `{until}`: hidden until then, back unread. */
  snooze: rest('POST', '/api/notifications/:id/snooze', notificationSchema),
  /** Ends a snooze now: back in the inbox, unread. */
  unsnooze: rest('POST', '/api/notifications/:id/unsnooze', notificationSchema),

  getPreferences: rest('GET', '/api/preferences', preferencesSchema),
  /** Any part of the preferences: merged, validated, answered whole. */
  updatePreferences: rest('PUT', '/api/preferences', preferencesSchema),

  startTask: rest('POST', '/api/tasks', taskInfoSchema),
  listTasks: rest('GET', '/api/tasks', z.array(taskInfoSchema)),
  getTask: rest('GET', '/api/tasks/:id', taskInfoSchema),

  stats: rest('GET', '/api/ws/stats', statsSchema),
  notificationsSocket: upgrade('socket', '/api/ws/notifications'),
  taskSocket: upgrade('socket', '/api/ws/tasks/:id'),
} as const
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
export const Paths = {
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
} as const
