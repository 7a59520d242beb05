// startServer(): storage, auth, the hub and connection registry, the task simulator, the REST router,
// the WebSocket upgrade handler and the SPA, on one HTTP server. With `redisUrl` the hub fans out
// through Redis to the other processes serving the same users (and the same SQLite file).
import { existsSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { CloseCode, CloseReason, isTaskFinished, TextKey } from '../src/protocol'
import { createTokenService } from './auth/jwt'
import { LoginThrottle } from './auth/login-throttle'
import { seedUsers } from './auth/users'
import { DEV_JWT_SECRET, MIN_JWT_SECRET_BYTES, resolveOptions, type ServerOptions } from './config'
import { startHeartbeat } from './connections/heartbeat'
import { createUserRateLimits } from './connections/rate-limit'
import { ConnectionRegistry } from './connections/registry'
import type { ServerContext } from './context'
import { startDemo } from './demo'
import { applyCors } from './http/cors'
import { PendingConnections } from './http/pending'
import { createRouter } from './http/router'
import { serverRoutes } from './http/routes'
import { createStaticHandler } from './http/static'
import { LocalHub, type Hub } from './hub'
import { startRedisHub } from './cluster/redis-hub'
import { createNotifier, type Notifier } from './notifier'
import { openStorage } from './storage/open'
import type { TaskRecord } from './storage/tasks'
import { createTaskSimulator, failInterruptedTasks, publicTask } from './tasks/simulator'
import { createTriage } from './triage/actions'
import { startWakeScheduler } from './triage/wakes'
import { taskEvent } from './ws/task-socket'
import { createUpgradeHandler } from './ws/upgrade'

export type { ServerOptions } from './config'

export interface IssueTokenOptions {
  /** Lifetime in seconds (at most the session's); negative gives an already expired token. @default options.tokenTtlSec */
  expiresInSec?: number
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8000 */
  url: string
  port: number
  options: ServerOptions
  /** Mints a token of a new session exactly as /api/auth/login does, with any lifetime (for tests and tools). */
  issueToken: (username: string, options?: IssueTokenOptions) => Promise<string>
  /** Closes sockets with 1001, ends SSE streams, stops timers and closes the database. */
  close: () => Promise<void>
}

/** How long shutdown waits for clients to answer the 1001 close before dropping them. */
const SHUTDOWN_GRACE_MS = 1000
/** At most one "MAX_CONNECTIONS reached" line per this long. */
const DROP_LOG_EVERY_MS = 5000

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::')
    return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/** The document's completion notification (and its failure counterpart) for the task's owner. */
async function notifyTaskOutcome(notifier: Notifier, task: TaskRecord): Promise<void> {
  const link = `/stocks/${task.symbol}`
  if (task.status === 'completed') {
    await notifier.notify([task.user], {
      title: '分析完成',
      content: `${task.symbol} 分析已完成`,
      type: 'analysis',
      link,
      source: 'analysis',
      title_key: TextKey.AnalysisCompletedTitle,
      content_key: TextKey.AnalysisCompletedContent,
      params: { symbol: task.symbol },
    })
  }
  else if (task.status === 'error') {
    // The reason's own key (and the failed step's) come along, so the app can say all of it in English.
    const keyed = publicTask(task)
    const reasonKey = keyed.error_key ?? keyed.message_key
    await notifier.notify([task.user], {
      title: '分析失败',
      content: `${task.symbol} 分析失败：${task.error}`,
      type: 'alert',
      link,
      source: 'analysis',
      title_key: TextKey.AnalysisFailedTitle,
      content_key: TextKey.AnalysisFailedContent,
      params: { ...keyed.params, reason: task.error ?? '', ...(reasonKey ? { reason_key: reasonKey } : {}) },
    })
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline)
    await new Promise(resolve => setTimeout(resolve, 20))
}

export async function startServer(overrides: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options = resolveOptions(overrides)
  const log = options.logger
  if (options.jwtSecret === DEV_JWT_SECRET)
    log('warn', 'JWT_SECRET is not set: signing tokens with the development key (set JWT_SECRET outside development)')
  else if (Buffer.byteLength(options.jwtSecret, 'utf8') < MIN_JWT_SECRET_BYTES)
    log('warn', `JWT_SECRET is shorter than ${MIN_JWT_SECRET_BYTES} bytes: use a longer random key for HS256 (production refuses it)`)
  if (options.staticDir && !existsSync(join(options.staticDir, 'index.html')))
    log('warn', `no built app in ${options.staticDir} (run \`npm run build\`): serving the API only`)

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
  const tasks = createTaskSimulator({
    store: taskStore,
    onChange(task) {
      hub.publishTask(task.task_id, taskEvent(task), isTaskFinished(task.status))
      notifyTaskOutcome(notifier, task).catch((error: Error) =>
        log('error', `task ${task.task_id}: outcome notification not stored: ${error.message}`))
    },
    sharedGraceMs,
    log,
  })
  const ctx: ServerContext = {
    options,
    log,
    tokens: createTokenService(options.jwtSecret, sessions.isRevoked),
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
    limits: createUserRateLimits(options.maxConnectsPerUserPerSecond),
    pending: new PendingConnections(options.maxPendingConnectionsPerIp, log),
  }

  const router = createRouter(ctx, serverRoutes)
  const serveStatic = createStaticHandler(options.staticDir)
  const upgrade = createUpgradeHandler(ctx)
  const headersTimeoutMs = options.headersTimeoutSec * 1000
  const requestTimeoutMs = options.requestTimeoutSec * 1000
  const server = createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node checks both timeouts on this period (30 s by default, which would triple a 10 s limit).
    connectionsCheckingInterval: Math.min(Math.max(250, headersTimeoutMs / 4), 5000),
  }, (req, res) => {
    // Answered (whatever the answer) means the connection stops counting as unauthenticated.
    res.once('finish', settleAnswered)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!applyCors(req, res, options.allowedOrigins))
        void router.handle(req, res, url)
    }
    else {
      serveStatic(req, res, url.pathname)
    }
  })
  function settleAnswered(this: ServerResponse): void {
    ctx.pending.settle(this.req.socket)
  }
  server.maxConnections = options.maxConnections
  server.on('connection', socket => ctx.pending.admit(socket))
  let droppedSinceLog = 0
  let lastDropLogAt = 0
  server.on('drop', () => {
    droppedSinceLog++
    if (Date.now() - lastDropLogAt < DROP_LOG_EVERY_MS)
      return
    log('warn', `http dropped ${droppedSinceLog} connection(s): ${options.maxConnections} connections open (MAX_CONNECTIONS)`)
    lastDropLogAt = Date.now()
    droppedSinceLog = 0
  })
  server.on('upgrade', upgrade.handle)

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, options.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  }
  catch (error) {
    tasks.stop()
    wakes.stop()
    await hub.close()
    await storage.close()
    throw error
  }
  server.on('error', error => log('error', `http server error: ${error.message}`))

  const stopHeartbeat = startHeartbeat(registry, options.heartbeatIntervalSec)
  const stopDemo = options.demoIntervalSec > 0 ? startDemo(hub, notifier, options.demoIntervalSec) : () => {}
  const staleSweep = clustered
    ? setInterval(() => void tasks.sweepStale().catch((error: Error) => log('error', `stale task sweep failed: ${error.message}`)), instanceTtlMs)
    : null
  staleSweep?.unref()
  const port = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    upgrade.stopAccepting()
    stopHeartbeat()
    stopDemo()
    if (staleSweep)
      clearInterval(staleSweep)
    tasks.stop()
    wakes.stop()
    const serverClosed = new Promise<void>(resolve => server.close(() => resolve()))
    registry.closeAll(CloseCode.GoingAway, CloseReason[CloseCode.GoingAway])
    await waitFor(() => registry.size === 0 && upgrade.openSockets() === 0, SHUTDOWN_GRACE_MS)
    registry.terminateAll()
    upgrade.terminateAll()
    server.closeAllConnections()
    await serverClosed
    await hub.close()
    await storage.close()
  }

  return {
    url: `http://${urlHost(options.host)}:${port}`,
    port,
    options,
    issueToken: async (username, { expiresInSec = options.tokenTtlSec } = {}) =>
      (await ctx.tokens.issue(username, await sessions.open(username, options.sessionTtlSec), expiresInSec)).token,
    close: () => (closing ??= close()),
  }
}
