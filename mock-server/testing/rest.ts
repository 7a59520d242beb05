// Default REST handlers over the data set (./db), answering in the server's envelope
// `{success, data, message, timestamp}` with the statuses of SPEC §1.4. Every notification and task
// route is the server's own handler (./server-routes); sign-in, the health and the stats stay msw's.
import { HttpResponse, type HttpHandler } from 'msw'
import { seededUsers } from '../auth/directory'
import { allUserIds, checkPassword, findUser } from '../auth/users'
import { DEFAULT_OPTIONS } from '../config'
import { notificationRoutes } from '../http/routes/notifications'
import { preferenceRoutes } from '../http/routes/preferences'
import { triageRoutes } from '../http/routes/triage'
import { silentLogger } from '../logger'
import type { Db } from '../storage/db'
import type { NotificationStore } from '../storage/notifications'
import { createPreferenceStore, type PreferenceStore } from '../storage/preferences'
import { promised } from '../storage/storage'
import { createTriageStore, type TriageStore } from '../storage/triage'
import { createTriage, type Triage } from '../triage/actions'
import { startWakeScheduler, type WakeScheduler } from '../triage/wakes'
import { taskRoutes } from '../http/routes/tasks'
import type { Hub } from '../hub'
import { createNotifier } from '../notifier'
import { Routes, type User } from '../../src/protocol'
import { db, issueToken, userOfToken } from './db'
import { on } from './routes'
import { bearer, serveWithServerHandler, type ServerContextPart } from './server-routes'
import { closeSocketsOfToken, mswHub, socketsOf } from './sockets'

/** A successful envelope. */
export function ok<T>(data: T, message = 'ok'): Response {
  return HttpResponse.json({ success: true, data, message, timestamp: new Date().toISOString() })
}

/** A failed envelope with an HTTP status. */
export function fail(status: number, message: string): Response {
  return HttpResponse.json({ success: false, data: null, message, timestamp: new Date().toISOString() }, { status })
}

/** Runs a handler as the user of the request's token, or answers 401. */
function authed(handler: (user: User, request: Request, params: Record<string, string>) => Response | Promise<Response>) {
  return ({ request, params }: { request: Request, params: Record<string, string | readonly string[] | undefined> }) => {
    const user = userOfToken(bearer(request))
    return user ? handler(user, request, params as Record<string, string>) : fail(401, 'not authenticated')
  }
}

function loginResult(username: string) {
  return { access_token: issueToken(username), token_type: 'bearer', expires_in: 3600, user: findUser(username) }
}

const authHandlers = [
  on(Routes.login, async ({ request }) => {
    const body = await request.json().catch(() => null) as { username?: string, password?: string } | null
    const user = body && await checkPassword(String(body.username), String(body.password))
    return user ? ok(loginResult(user.username)) : fail(401, 'invalid username or password')
  }),
  on(Routes.refresh, ({ request }) => {
    const record = db.tokens.get(bearer(request) ?? '')
    if (!record || record.revoked || !db.refreshAllowed)
      return fail(401, 'token cannot be refreshed')
    return ok(loginResult(record.username))
  }),
  on(Routes.logout, ({ request }) => {
    const token = bearer(request)
    const record = token ? db.tokens.get(token) : undefined
    let closed = 0
    if (token && record) {
      record.valid = false
      record.revoked = true
      closed = closeSocketsOfToken(token)
    }
    return ok({ closed_connections: closed })
  }),
  // Every token of the user stands for one session here.
  on(Routes.me, authed(user => ok(user))),
  on(Routes.logoutAll, authed((user) => {
    let revoked = 0
    let closed = 0
    for (const [token, record] of db.tokens) {
      if (record.username === user.username && !record.revoked) {
        record.valid = false
        record.revoked = true
        closed += closeSocketsOfToken(token)
        revoked++
      }
    }
    return ok({ revoked_sessions: revoked, closed_connections: closed })
  })),
]

let triageOf: { database: Db, triage: Triage, wakes: WakeScheduler } | null = null

/**
 * The server's triage over this test's database, with its real wake scheduler: a snooze ends on its
 * own timer and pushes through the msw hub. Built once per test database; the previous one is stopped.
 */
function triage(): Triage {
  if (triageOf?.database !== db.database) {
    triageOf?.wakes.stop()
    const store = promised<TriageStore>(createTriageStore(db.database))
    const wakes = startWakeScheduler({ store, hub: mswHub as Hub, log: silentLogger, clustered: false })
    const triage = createTriage({ store, preferences: promised<PreferenceStore>(createPreferenceStore(db.database)), hub: mswHub as Hub, wakes })
    triageOf = { database: db.database, triage, wakes }
  }
  return triageOf.triage
}

/** Stops the wake timer before the test's database goes. */
export function stopTriage(): void {
  triageOf?.wakes.stop()
  triageOf = null
}

/** What the server's handlers use, over this test's storage: its notifier stores first, then pushes through the hub. */
function serverContext(): ServerContextPart {
  const notifications = promised<NotificationStore>(db.notifications)
  return {
    notifications,
    triage: triage(),
    notifier: createNotifier(notifications, mswHub as Hub),
    tasks: db.simulator,
    users: seededUsers,
    options: { maxRunningTasksPerUser: DEFAULT_OPTIONS.maxRunningTasksPerUser },
  }
}

// The server's notification handlers; the stream is msw's own (`streamHandler`).
const notificationHandlers = notificationRoutes
  .filter(serverRoute => serverRoute.name !== 'stream')
  .map(serverRoute => serveWithServerHandler(serverRoute, serverContext))

// The server's task handlers over its simulator and storage: the request's checks, the limit of
// unfinished tasks, who may see which task, the symbol filter.
const taskHandlers = taskRoutes.map(serverRoute => serveWithServerHandler(serverRoute, serverContext))

// Triage (done, snooze, bulk…) and preferences: the server's handlers, pushes included.
const triageHandlers = [...triageRoutes, ...preferenceRoutes].map(serverRoute => serveWithServerHandler(serverRoute, serverContext))

const healthHandler = on(Routes.health, () => ok(null))

const statsHandler = on(Routes.stats, () => {
  const users: Record<string, number> = {}
  for (const name of allUserIds()) {
    const count = socketsOf(name).length
    if (count)
      users[name] = count
  }
  return HttpResponse.json({ total_users: Object.keys(users).length, total_connections: socketsOf().length, users })
})

// Triage first, as in the server's router: the bulk path is a literal the `:id` patterns also match.
export const restHandlers: HttpHandler[] = [...authHandlers, ...triageHandlers, ...notificationHandlers, ...taskHandlers, healthHandler, statsHandler]
