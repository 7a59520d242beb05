// Every REST route the server answers, in the order the router tries them (a literal path such as
// /api/notifications/unread_count before the `:id` pattern it would also match). Each is bound to a
// route of src/protocol/routes.ts; tests/server/routes.test.ts checks the two sets are the same.
import type { ServerRoute } from '../router'
import { authRoutes } from './auth'
import { notificationRoutes } from './notifications'
import { preferenceRoutes } from './preferences'
import { statsRoutes } from './stats'
import { taskRoutes } from './tasks'
import { triageRoutes } from './triage'

// The triage routes come first: POST /api/notifications/bulk is a literal path the `:id` patterns also match.
export const serverRoutes: readonly ServerRoute[] = [...authRoutes, ...triageRoutes, ...notificationRoutes, ...preferenceRoutes, ...taskRoutes, ...statsRoutes]
