// The zod response schema of every route in the table (./routes.ts), by route name: what the server's
// replies are typed by, what msw's replies are held to (tests/msw/contract.ts) and what a user who wants
// schemas imports. The table itself carries hand checks instead, so the browser loads no zod; the mapped
// type below makes every route name appear here with a schema of exactly its check's type, and
// tests/protocol/checks.property.test.ts proves each check accepts and outputs what its schema does.
import * as z from 'zod/mini'
import {
  broadcastResultSchema,
  bulkResultSchema,
  loginResponseSchema,
  logoutAllResultSchema,
  logoutResultSchema,
  notificationPageSchema,
  notificationSchema,
  preferencesSchema,
  readAllResultSchema,
  statsSchema,
  taskInfoSchema,
  unreadCountSchema,
  userSchema,
} from './schemas'
import type { DataOf, RouteName, Routes } from './routes'

/** A schema whose output is exactly `Data` (null for streams and sockets, which answer no data). */
type SchemaOf<Data> = [Data] extends [never] ? null : z.ZodMiniType<Data>

export type RouteSchemaTable = { readonly [Name in RouteName]: SchemaOf<DataOf<(typeof Routes)[Name]>> }

/** The zod schema of each route's success `data`, by route name. */
export const RouteSchemas: RouteSchemaTable = {
  login: loginResponseSchema,
  refresh: loginResponseSchema,
  logout: logoutResultSchema,
  logoutAll: logoutAllResultSchema,
  me: userSchema,
  listNotifications: notificationPageSchema,
  unreadCount: unreadCountSchema,
  stream: null,
  createNotification: /* @__PURE__ */ z.union([notificationSchema, broadcastResultSchema]),
  readAll: readAllResultSchema,
  bulk: bulkResultSchema,
  getNotification: notificationSchema,
  markRead: notificationSchema,
  deleteNotification: /* @__PURE__ */ z.null(),
  markUnread: notificationSchema,
  archive: notificationSchema,
  unarchive: notificationSchema,
  snooze: notificationSchema,
  unsnooze: notificationSchema,
  getPreferences: preferencesSchema,
  updatePreferences: preferencesSchema,
  startTask: taskInfoSchema,
  listTasks: /* @__PURE__ */ z.array(taskInfoSchema),
  getTask: taskInfoSchema,
  health: /* @__PURE__ */ z.null(),
  stats: statsSchema,
  notificationsSocket: null,
  taskSocket: null,
}
