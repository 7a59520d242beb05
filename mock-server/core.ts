// openTidings(): everything Tidings runs, without an HTTP server of its own — storage, auth (Tidings'
// users or the host application's `authenticate`), the hub and connection registry, the task
// simulator, the REST router and the WebSocket upgrade handler, and the background timers. app.ts
// puts it on a server of its own (the demo), attach.ts on an application's.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CloseCode, CloseReason, isTaskFinished } from '../src/protocol'
import { applicationUsers, seededUsers } from './auth/directory'
import { createHookTokenService } from './auth/hook'
import { createTokenService } from './auth/jwt'
import { LoginThrottle } from './auth/login-throttle'
import { seedUsers } from './auth/users'
import { startRedisHub } from './cluster/redis-hub'
import { DEV_JWT_SECRET, MIN_JWT_SECRET_BYTES, resolveOptions, type ServerOptions } from './config'
import { startHeartbeat } from './connections/heartbeat'
import { createUserRateLimits } from './connections/rate-limit'
import { ConnectionRegistry } from './connections/registry'
import type { ServerContext } from './context'
import { startDemo } from './demo'
import { createAdmission } from './http/admission'
import { applyCors } from './http/cors'
import { sendEnvelope } from './http/envelope'
import { PendingConnections } from './http/pending'
import { createRouter } from './http/router'
import { serverRoutes } from './http/routes'
import { LocalHub, type Hub } from './hub'
import { createNotifier } from './notifier'
import { createPublisher, type Publisher } from './publish'
import { openStorage } from './storage/open'
import { notifyTaskOutcome } from './tasks/outcome'
import { createTaskSimulator, failInterruptedTasks } from './tasks/simulator'
import { createTriage } from './triage/actions'
import { startWakeScheduler } from './triage/wakes'
import { taskEvent } from './ws/task-socket'
import { createUpgradeHandler, type UpgradeHandler } from './ws/upgrade'

/** How long shutdown waits for clients to answer the 1001 close before dropping them. */
const SHUTDOWN_GRACE_MS = 1000

export interface TidingsCore extends Publisher {
  options: ServerOptions
  ctx: ServerContext
  upgrade: UpgradeHandler
  /** Whether a request path is one of Tidings' REST or SSE routes (any method). */
  owns: (pathname: string) => boolean
  /** Answers a request to Tidings' API (CORS, then the route, or 404/405 in the envelope). */
  serveApi: (req: IncomingMessage, res: ServerResponse, url: URL) => void
  /** Refuses new sockets, stops the timers and closes every socket and stream with 1001 (waiting briefly for them). */
  drain: () => Promise<void>
  /** Lets go of the hub and the database (after `drain`). */
  release: () => Promise<void>
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline)
    await new Promise(resolve => setTimeout(resolve, 20))
}

function warnAboutKey(options: ServerOptions): void {
  if (options.authenticate !== null)
    return
  if (options.jwtSecret === DEV_JWT_SECRET)
    options.logger('warn', 'JWT_SECRET is not set: signing tokens with the development key (set JWT_SECRET outside development)')
  else if (Buffer.byteLength(options.jwtSecret, 'utf8') < MIN_JWT_SECRET_BYTES)
    options.logger('warn', `JWT_SECRET is shorter than ${MIN_JWT_SECRET_BYTES} bytes: use a longer random key for HS256 (production refuses it)`)
}

export async function openTidings(overrides: Partial<ServerOptions> = {}): Promise<TidingsCore> {
  const options = resolveOptions(overrides)
  const log = options.logger
  warnAboutKey(options)
  // The demo users' passwords are hashed only when Tidings signs users in itself.
  if (options.authenticate === null)
    await seedUsers()
  const clustered = options.redisUrl !== null
  const instanceTtlMs = options.clusterInstanceTtlSec * 1000
  const storage = await openStorage(options, { shared: clustered })
  const { sessions, tasks: taskStore } = storage
  // The registry's last check must run in the tick it registers: what this process knows (its own
  // sign-outs, those read from storage and those other processes announced).
  const registry = new ConnectionRegistry({
    maxConnectionsPerUser: options.maxConnectionsPerUser,
    maxTaskSocketsPerUser: options.maxTaskSocketsPerUser,
  }, sid => sessions.isKnownRevoked(sid))
  // Every step is saved before it is published, so the stored state is what watchers should see.
  const hub: Hub = options.redisUrl === null
    ? new LocalHub(registry)
    : await startRedisHub({
        redisUrl: options.redisUrl,
        prefix: options.redisPrefix,
        instanceTtlMs,
        maxConnectionsPerUser: options.maxConnectionsPerUser,
        taskState: async (taskId) => {
          const task = await taskStore.get(taskId).catch(() => null)
          return task === null ? null : { event: taskEvent(task), finished: isTaskFinished(task.status) }
        },
        isSessionRevoked: sid => sessions.isRevoked(sid),
        sessionsRevoked: sids => sessions.noteRevoked(sids),
        registry,
        log,
      })
  const notifications = storage.notifications
  const notifier = createNotifier(notifications, hub)
  // Armed from storage now: snoozes that ended while the server was down are delivered at once.
  const wakes = startWakeScheduler({ store: storage.triage, hub, log, clustered })
  hub.wakeListener = atMs => wakes.announced(atMs)
  const triage = createTriage({ store: storage.triage, preferences: storage.preferences, hub, wakes })
  // Other processes' tasks are theirs: only those nobody advanced for a step plus a lease are dead.
  const sharedGraceMs = clustered ? instanceTtlMs : null
  await failInterruptedTasks(taskStore, sharedGraceMs)
  const publishTask = (task: Parameters<typeof taskEvent>[0]) =>
    hub.publishTask(task.task_id, taskEvent(task), isTaskFinished(task.status))
  const tasks = createTaskSimulator({
    store: taskStore,
    onChange(task) {
      publishTask(task)
      notifyTaskOutcome(notifier, task).catch((error: Error) =>
        log('error', `task ${task.task_id}: outcome notification not stored: ${error.message}`))
    },
    sharedGraceMs,
    log,
  })
  const ctx: ServerContext = {
    options,
    log,
    tokens: options.authenticate === null
      ? createTokenService(options.jwtSecret, sessions.isRevoked)
      : createHookTokenService(options.authenticate),
    users: options.authenticate === null ? seededUsers : applicationUsers(hub),
    loginThrottle: new LoginThrottle({
      maxFailuresPerUser: options.loginMaxFailuresPerUser,
      maxFailuresPerAddress: options.loginMaxFailuresPerAddress,
      windowSec: options.loginFailureWindowSec,
    }),
    sessions,
    registry,
    hub,
    notifications,
    notifier,
    triage,
    tasks,
    limits: createUserRateLimits(options.maxConnectsPerUserPerSecond, options.maxMessagesPerUserPerSecond),
    pending: new PendingConnections(options.maxPendingConnectionsPerIp, log),
    admission: createAdmission({ turnBudgetMs: options.admissionTurnBudgetMs, maxQueueMs: options.admissionMaxQueueMs }),
  }

  const router = createRouter(ctx, serverRoutes)
  const upgrade = createUpgradeHandler(ctx)
  const stopHeartbeat = startHeartbeat(registry, options.heartbeatIntervalSec)
  const stopDemo = options.demoIntervalSec > 0 ? startDemo(hub, notifier, options.demoIntervalSec) : () => {}
  const staleSweep = clustered
    ? setInterval(() => void tasks.sweepStale().catch((error: Error) => log('error', `stale task sweep failed: ${error.message}`)), instanceTtlMs)
    : null
  staleSweep?.unref()

  async function drain(): Promise<void> {
    upgrade.stopAccepting()
    stopHeartbeat()
    stopDemo()
    if (staleSweep)
      clearInterval(staleSweep)
    tasks.stop()
    wakes.stop()
    registry.closeAll(CloseCode.GoingAway, CloseReason[CloseCode.GoingAway])
    await waitFor(() => registry.size === 0 && upgrade.openSockets() === 0, SHUTDOWN_GRACE_MS)
    registry.terminateAll()
    upgrade.terminateAll()
  }

  async function release(): Promise<void> {
    await hub.close()
    await storage.close()
  }

  return {
    options,
    ctx,
    upgrade,
    owns: pathname => router.owns(pathname),
    serveApi(req, res, url) {
      if (applyCors(req, res, options.allowedOrigins))
        return
      ctx.admission.admit({
        run: () => router.handle(req, res, url),
        // The envelope an HttpError would make, without the Error: a storm refuses thousands in a turn, and
        // capturing each one's stack trace was 7 % of the longest stall in a profiled storm.
        refuse: retryAfterSec => sendEnvelope(res, 503, null, 'server busy: retry later', { 'Retry-After': String(retryAfterSec) }),
        gone: () => req.socket.destroyed,
      })
    },
    ...createPublisher({ users: ctx.users, notifier, taskStore, publishTask }),
    drain,
    release,
  }
}
