// Server settings: one options interface with its defaults, and the SPEC §1.6 environment reader that
// validates every variable up front so a typo fails at start with one clear line, not at first use.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AuthenticateHook } from './auth/hook'
import { consoleLogger, type Logger } from './logger'

export interface ServerOptions {
  /** TCP port to listen on; 0 picks a free port. @default 8000 */
  port: number
  /** Interface to bind. @default '127.0.0.1' */
  host: string
  /** SQLite database file, or ':memory:'; unused when `databaseUrl` is set. @default 'data/tidings.db' */
  dbPath: string
  /**
   * PostgreSQL to store everything in (`postgres://user:password@host:port/database`), shared by every
   * process of a deployment on any host; null keeps the embedded SQLite file `dbPath`. @default null
   */
  databaseUrl: string | null
  /**
   * HS256 key for access tokens. `optionsFromEnv` refuses to run production without one of at least
   * MIN_JWT_SECRET_BYTES; elsewhere a missing or short key is only warned about. @default a development key
   */
  jwtSecret: string
  /** Seconds between heartbeat frames and protocol pings. @default 30 */
  heartbeatIntervalSec: number
  /** Notification sockets and SSE streams one user may hold together; the next one evicts the oldest (4409). @default 3 */
  maxConnectionsPerUser: number
  /** Task sockets one user may hold; one more completes the handshake and closes with 4429. @default 20 */
  maxTaskSocketsPerUser: number
  /** Unfinished tasks one user may have; one more `POST /api/tasks` is answered 429. @default 5 */
  maxRunningTasksPerUser: number
  /**
   * WebSocket and SSE connects one user may make per second on average, in bursts of up to three
   * seconds' worth; one more socket closes with 4429 (a stream is answered 429). @default 10
   */
  maxConnectsPerUserPerSecond: number
  /**
   * Client messages (ping, sync) all of one user's sockets together may send per second on average, in
   * bursts of twice as many; one more closes the socket that sent it with 1008. @default 20
   */
  maxMessagesPerUserPerSecond: number
  /** Seconds a client may take to send a request's headers (Node's `headersTimeout`). @default 10 */
  headersTimeoutSec: number
  /** Seconds a client may take to send a whole request, body included (Node's `requestTimeout`). @default 30 */
  requestTimeoutSec: number
  /** TCP connections the server holds at once, of every kind; more are dropped at once. Keep it below `ulimit -n`. @default 16384 */
  maxConnections: number
  /**
   * Connections from one IP address whose first request is not yet authenticated or answered; more
   * from that address are dropped at once. Behind a proxy every client shares its address. @default 512
   */
  maxPendingConnectionsPerIp: number
  /**
   * Connections the kernel may hold for the server to accept (`listen` backlog; Linux caps it at
   * `net.core.somaxconn`). Node's 511 overflowed when every client of a restarted server came back at
   * once: the kernel dropped their connects and TCP retried them only after 1, 3, 7 s. @default 4096
   */
  listenBacklog: number
  /**
   * Work (REST requests and socket handshakes) one event-loop turn may run in a burst, such as every
   * client of a restarted server coming back at once; later arrivals wait for the next turns, so no
   * turn stalls the server for longer than about this. @default 20
   */
  admissionTurnBudgetMs: number
  /**
   * Estimated wait (ms) for a turn past which a REST newcomer is refused at once with 503 and a jittered
   * `Retry-After` (the app's resync retry waits it); socket handshakes only past 8 s. @default 3000
   */
  admissionMaxQueueMs: number
  /** Browser origins allowed to open sockets besides the server's own host. `*` allows any. @default ['http://localhost:5173', 'http://127.0.0.1:5173'] */
  allowedOrigins: string[]
  /** Lifetime of tokens issued by /api/auth/login and /refresh, in seconds (never past their session's end). @default 3600 */
  tokenTtlSec: number
  /** Absolute lifetime of a sign-in session in seconds: refreshing cannot extend it. @default 604800 (7 days) */
  sessionTtlSec: number
  /** Folder of the built SPA to serve (index.html fallback for non-/api GETs); null serves the API only. @default null */
  staticDir: string | null
  /** Seconds between demo notifications to every connected user; 0 turns them off. @default 0 */
  demoIntervalSec: number
  /** Where log lines go. @default consoleLogger */
  logger: Logger
  /**
   * Redis to fan out through when several processes serve the same users (`redis://host:port`); null
   * keeps everything in this process and needs no Redis. @default null
   */
  redisUrl: string | null
  /** Prefix of every Redis key and channel, so several deployments can share one Redis. @default 'tidings:' */
  redisPrefix: string
  /** Seconds a process's connections outlive it in the cluster's counts after it dies without closing them. @default 15 */
  clusterInstanceTtlSec: number
  /**
   * GET /api/ws/stats answers anyone (the document's open endpoint); false requires an admin's token,
   * since the stats name every user online. @default true
   */
  statsPublic: boolean
  /** Failed sign-ins for one user name per window; more are refused with 429 unchecked. @default 5 */
  loginMaxFailuresPerUser: number
  /** Failed sign-ins from one client address per window, whatever the names. @default 50 */
  loginMaxFailuresPerAddress: number
  /** Seconds from the first failure until a name's or address's count starts again. @default 900 */
  loginFailureWindowSec: number
  /**
   * The client address is the `X-Real-IP` a reverse proxy sets (deploy/nginx.conf), not the peer's,
   * which behind a proxy is the proxy for everyone. Only when nobody can bypass the proxy. @default false
   */
  trustProxy: boolean
  /**
   * The host application's own token check (`tidings/server`): every socket, stream and REST call is
   * authenticated by it instead of Tidings' users and tokens, and Tidings' sign-in routes answer 404.
   * null keeps Tidings' own users (the demo's). @default null
   */
  authenticate: AuthenticateHook | null
}

export const DEV_JWT_SECRET = 'tidings-development-secret-change-me-0000'
/** An HS256 key shorter than its hash (32 bytes) is guessable offline from any one token (RFC 7518 §3.2). */
export const MIN_JWT_SECRET_BYTES = 32

export const DEFAULT_OPTIONS: ServerOptions = {
  port: 8000,
  host: '127.0.0.1',
  dbPath: 'data/tidings.db',
  databaseUrl: null,
  jwtSecret: DEV_JWT_SECRET,
  heartbeatIntervalSec: 30,
  maxConnectionsPerUser: 3,
  maxTaskSocketsPerUser: 20,
  maxRunningTasksPerUser: 5,
  maxConnectsPerUserPerSecond: 10,
  maxMessagesPerUserPerSecond: 20,
  headersTimeoutSec: 10,
  requestTimeoutSec: 30,
  maxConnections: 16_384,
  maxPendingConnectionsPerIp: 512,
  listenBacklog: 4096,
  admissionTurnBudgetMs: 20,
  admissionMaxQueueMs: 3000,
  allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
  tokenTtlSec: 3600,
  sessionTtlSec: 7 * 24 * 3600,
  staticDir: null,
  demoIntervalSec: 0,
  logger: consoleLogger,
  redisUrl: null,
  redisPrefix: 'tidings:',
  clusterInstanceTtlSec: 15,
  statsPublic: true,
  loginMaxFailuresPerUser: 5,
  loginMaxFailuresPerAddress: 50,
  loginFailureWindowSec: 900,
  trustProxy: false,
  authenticate: null,
}

/** Applies the defaults in one place. */
export function resolveOptions(options: Partial<ServerOptions> = {}): ServerOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
  return { ...DEFAULT_OPTIONS, ...defined }
}

/** A bad setting; its message is the whole story, printed as is. */
export class ConfigError extends Error {}

function positiveNumber(name: string, raw: string): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive number, got "${raw}"`)
  return value
}

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isInteger(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`)
  return value
}

function port(name: string, raw: string): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > 65535)
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`)
  return value
}

function milliseconds(name: string, raw: string): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a number of milliseconds (0 or more), got "${raw}"`)
  return value
}

function nonNegativeNumber(name: string, raw: string): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a number of seconds (0 turns it off), got "${raw}"`)
  return value
}

function nonEmpty(name: string, raw: string): string {
  if (raw.trim() === '')
    throw new ConfigError(`${name} must not be empty`)
  return raw.trim()
}

function trueOrFalse(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase()
  if (value !== 'true' && value !== 'false')
    throw new ConfigError(`${name} must be true or false, got "${raw}"`)
  return value === 'true'
}

function origins(name: string, raw: string): string[] {
  const list = raw.split(',').map(item => item.trim()).filter(Boolean)
  for (const origin of list) {
    if (origin === '*')
      continue
    let parsed: URL | null = null
    try {
      parsed = new URL(origin)
    }
    catch {}
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, ''))
      throw new ConfigError(`${name} must be a comma-separated list of origins like http://localhost:5173, got "${origin}"`)
  }
  return list.map(origin => origin.replace(/\/$/, ''))
}

function postgresUrl(name: string, raw: string): string {
  let parsed: URL | null = null
  try {
    parsed = new URL(raw.trim())
  }
  catch {}
  if (!parsed || !/^postgres(?:ql)?:$/.test(parsed.protocol) || !parsed.hostname || parsed.pathname.length < 2)
    throw new ConfigError(`${name} must be a PostgreSQL URL like postgres://user:password@127.0.0.1:5432/tidings, got "${raw.replace(/\/\/[^@/]*@/, '//***@')}"`)
  return raw.trim()
}

function redisUrl(name: string, raw: string): string {
  let parsed: URL | null = null
  try {
    parsed = new URL(raw.trim())
  }
  catch {}
  if (!parsed || !/^rediss?:$/.test(parsed.protocol) || !parsed.hostname)
    throw new ConfigError(`${name} must be a Redis URL like redis://127.0.0.1:6379, got "${raw.replace(/\/\/[^@/]*@/, '//***@')}"`)
  return raw.trim()
}

/**
 * The key in production: anyone can read the development key in the source and mint an admin token,
 * so production refuses to start without a key of its own, long enough for HS256.
 */
function productionSecret(name: string, raw: string | undefined): string {
  const secret = raw?.trim() ?? ''
  if (secret === '')
    throw new ConfigError(`${name} must be set in production (${MIN_JWT_SECRET_BYTES} or more bytes of random data)`)
  if (secret === DEV_JWT_SECRET)
    throw new ConfigError(`${name} is the public development key: set your own in production (${MIN_JWT_SECRET_BYTES} or more bytes of random data)`)
  const bytes = Buffer.byteLength(secret, 'utf8')
  if (bytes < MIN_JWT_SECRET_BYTES)
    throw new ConfigError(`${name} is ${bytes} bytes long: production needs ${MIN_JWT_SECRET_BYTES} or more bytes of random data`)
  return secret
}

type Env = Record<string, string | undefined>

/**
 * Reads SPEC §1.6 settings from the environment. Throws ConfigError (one line) on a bad value.
 * Unset variables keep the defaults; in production (`NODE_ENV=production`) the SPA in dist/ is served
 * and JWT_SECRET is required.
 */
export function optionsFromEnv(env: Env): Partial<ServerOptions> {
  const options: Partial<ServerOptions> = {}
  const read = (name: string) => (env[name] === undefined ? undefined : String(env[name]))
  let raw: string | undefined
  if ((raw = read('PORT')) !== undefined)
    options.port = port('PORT', raw)
  if ((raw = read('HOST')) !== undefined)
    options.host = nonEmpty('HOST', raw)
  const production = env.NODE_ENV === 'production'
  if (production)
    options.jwtSecret = productionSecret('JWT_SECRET', read('JWT_SECRET'))
  else if ((raw = read('JWT_SECRET')) !== undefined)
    options.jwtSecret = nonEmpty('JWT_SECRET', raw)
  if ((raw = read('WS_HEARTBEAT_INTERVAL')) !== undefined)
    options.heartbeatIntervalSec = positiveNumber('WS_HEARTBEAT_INTERVAL', raw)
  if ((raw = read('WS_MAX_CONNECTIONS_PER_USER')) !== undefined)
    options.maxConnectionsPerUser = positiveInteger('WS_MAX_CONNECTIONS_PER_USER', raw)
  if ((raw = read('WS_MAX_TASK_SOCKETS_PER_USER')) !== undefined)
    options.maxTaskSocketsPerUser = positiveInteger('WS_MAX_TASK_SOCKETS_PER_USER', raw)
  if ((raw = read('MAX_RUNNING_TASKS_PER_USER')) !== undefined)
    options.maxRunningTasksPerUser = positiveInteger('MAX_RUNNING_TASKS_PER_USER', raw)
  if ((raw = read('WS_MAX_CONNECTS_PER_USER_PER_SECOND')) !== undefined)
    options.maxConnectsPerUserPerSecond = positiveNumber('WS_MAX_CONNECTS_PER_USER_PER_SECOND', raw)
  if ((raw = read('WS_MAX_MESSAGES_PER_USER_PER_SECOND')) !== undefined)
    options.maxMessagesPerUserPerSecond = positiveNumber('WS_MAX_MESSAGES_PER_USER_PER_SECOND', raw)
  if ((raw = read('HTTP_HEADERS_TIMEOUT')) !== undefined)
    options.headersTimeoutSec = positiveNumber('HTTP_HEADERS_TIMEOUT', raw)
  if ((raw = read('HTTP_REQUEST_TIMEOUT')) !== undefined)
    options.requestTimeoutSec = positiveNumber('HTTP_REQUEST_TIMEOUT', raw)
  if ((raw = read('MAX_CONNECTIONS')) !== undefined)
    options.maxConnections = positiveInteger('MAX_CONNECTIONS', raw)
  if ((raw = read('MAX_PENDING_CONNECTIONS_PER_IP')) !== undefined)
    options.maxPendingConnectionsPerIp = positiveInteger('MAX_PENDING_CONNECTIONS_PER_IP', raw)
  if ((raw = read('LISTEN_BACKLOG')) !== undefined)
    options.listenBacklog = positiveInteger('LISTEN_BACKLOG', raw)
  if ((raw = read('ADMISSION_TURN_BUDGET_MS')) !== undefined)
    options.admissionTurnBudgetMs = milliseconds('ADMISSION_TURN_BUDGET_MS', raw)
  if ((raw = read('ADMISSION_MAX_QUEUE_MS')) !== undefined)
    options.admissionMaxQueueMs = milliseconds('ADMISSION_MAX_QUEUE_MS', raw)
  if ((raw = read('ALLOWED_ORIGINS')) !== undefined)
    options.allowedOrigins = origins('ALLOWED_ORIGINS', raw)
  if ((raw = read('TIDINGS_DB')) !== undefined)
    options.dbPath = nonEmpty('TIDINGS_DB', raw)
  if ((raw = read('DATABASE_URL')) !== undefined && raw.trim() !== '')
    options.databaseUrl = postgresUrl('DATABASE_URL', raw)
  if ((raw = read('TOKEN_TTL')) !== undefined)
    options.tokenTtlSec = positiveInteger('TOKEN_TTL', raw)
  if ((raw = read('SESSION_TTL')) !== undefined)
    options.sessionTtlSec = positiveInteger('SESSION_TTL', raw)
  if ((raw = read('DEMO_INTERVAL')) !== undefined)
    options.demoIntervalSec = nonNegativeNumber('DEMO_INTERVAL', raw)
  if ((raw = read('REDIS_URL')) !== undefined && raw.trim() !== '')
    options.redisUrl = redisUrl('REDIS_URL', raw)
  if ((raw = read('REDIS_PREFIX')) !== undefined)
    options.redisPrefix = nonEmpty('REDIS_PREFIX', raw)
  if ((raw = read('CLUSTER_INSTANCE_TTL')) !== undefined)
    options.clusterInstanceTtlSec = positiveNumber('CLUSTER_INSTANCE_TTL', raw)
  if ((raw = read('STATS_PUBLIC')) !== undefined)
    options.statsPublic = trueOrFalse('STATS_PUBLIC', raw)
  if ((raw = read('LOGIN_MAX_FAILURES_PER_USER')) !== undefined)
    options.loginMaxFailuresPerUser = positiveInteger('LOGIN_MAX_FAILURES_PER_USER', raw)
  if ((raw = read('LOGIN_MAX_FAILURES_PER_IP')) !== undefined)
    options.loginMaxFailuresPerAddress = positiveInteger('LOGIN_MAX_FAILURES_PER_IP', raw)
  if ((raw = read('LOGIN_FAILURE_WINDOW')) !== undefined)
    options.loginFailureWindowSec = positiveInteger('LOGIN_FAILURE_WINDOW', raw)
  if ((raw = read('TRUST_PROXY')) !== undefined)
    options.trustProxy = trueOrFalse('TRUST_PROXY', raw)
  if ((raw = read('STATIC_DIR')) !== undefined) {
    const dir = nonEmpty('STATIC_DIR', raw)
    if (!existsSync(resolve(dir)))
      throw new ConfigError(`STATIC_DIR "${dir}" does not exist (run \`npm run build\` first)`)
    options.staticDir = resolve(dir)
  }
  else if (production) {
    options.staticDir = resolve('dist')
  }
  // Node refuses a headers timeout longer than the whole request's.
  const headersSec = options.headersTimeoutSec ?? DEFAULT_OPTIONS.headersTimeoutSec
  const requestSec = options.requestTimeoutSec ?? DEFAULT_OPTIONS.requestTimeoutSec
  if (headersSec > requestSec)
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT (${headersSec}) must not be longer than HTTP_REQUEST_TIMEOUT (${requestSec})`)
  return options
}
