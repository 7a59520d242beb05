// Every REST route the server answers, in the order the router tries them (a literal path such as
// /api/notifications/unread_count before the `:id` pattern it would also match). Each is bound to a
// route of src/protocol/routes.ts; tests/server/routes.test.ts checks the two sets are the same.
import type { ServerRoute } from '../router'
import { authRoutes } from './auth'
import { notificationRoutes } from './notifications'
import { statsRoutes } from './stats'
import { taskRoutes } from './tasks'

export const serverRoutes: readonly ServerRoute[] = [...authRoutes, ...notificationRoutes, ...taskRoutes, ...statsRoutes]
