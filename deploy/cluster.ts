// Several Tidings processes behind one Redis and a round-robin nginx, on one SQLite file (WAL) or one
// PostgreSQL, from private temporary folders and free ports — for the cluster tests and for a developer:
//   npx tsx deploy/cluster.ts                  # Redis, 3 processes, nginx on a free port
//   npx tsx deploy/cluster.ts --processes 2 --port 8080 --demo 20
//   npx tsx deploy/cluster.ts --postgres       # a throwaway PostgreSQL; each process in its own folder
// Ctrl-C stops everything and removes the temporary folders.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { freePort, startNginx, type RunningNginx } from './nginx'
import { startPostgres, type RunningPostgres } from './postgres'

export const REDIS_SERVER = '/usr/bin/redis-server'
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MAIN = join(ROOT, 'mock-server', 'main.ts')
// By file URL, so a process whose working folder is not the checkout still finds the loader.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

export interface RedisOptions {
  /** @default a free port */
  port?: number
  /** @default '/usr/bin/redis-server' (Debian's redis-server package) */
  binary?: string
}

export interface RunningRedis {
  url: string
  port: number
  /** Kills the server (its data is in memory only, so it is gone). */
  stop: () => Promise<void>
  /** Starts a fresh, empty server on the same port. */
  restart: () => Promise<void>
}

export interface ClusterProcessOptions {
  redisUrl: string
  /** The shared SQLite file; unused when `databaseUrl` is set. */
  dbPath: string
  /** The shared PostgreSQL; null shares `dbPath` instead. @default null */
  databaseUrl?: string | null
  /** The process's working folder. @default the checkout */
  workDir?: string
  /** Extra environment (WS_MAX_CONNECTIONS_PER_USER, CLUSTER_INSTANCE_TTL, ...). */
  env?: Record<string, string>
  /** Print the process's log lines, prefixed with its port. @default false */
  showLogs?: boolean
}

export interface ClusterProcess {
  url: string
  port: number
  pid: number
  child: ChildProcess
  /** Everything it logged so far. */
  output: () => string
  /** SIGTERM, resolving once it has exited (sockets closed with 1001). */
  stop: () => Promise<void>
  /** SIGKILL: a crash, leaving whatever it had recorded in Redis behind. */
  kill: () => Promise<void>
}

export interface ClusterOptions {
  /** Server processes. @default 3 */
  processes?: number
  /** Port of the nginx front; null runs no front. @default a free port */
  frontPort?: number | null
  /** Extra environment for every process. */
  env?: Record<string, string>
  /** Extra environment for the first process only (e.g. DEMO_INTERVAL, so one process feeds everyone). */
  firstEnv?: Record<string, string>
  showLogs?: boolean
  /**
   * Where the processes keep their data: one SQLite file, or a throwaway PostgreSQL (then each process
   * runs in its own working folder and no file is shared). @default 'sqlite'
   */
  storage?: 'sqlite' | 'postgres'
}

export interface RunningCluster {
  redis: RunningRedis
  servers: ClusterProcess[]
  /** The round-robin front, or null. */
  front: RunningNginx | null
  /** The shared SQLite file (unused with PostgreSQL). */
  dbPath: string
  /** The shared PostgreSQL, or null. */
  postgres: RunningPostgres | null
  /** Starts one more process on the same Redis and database. */
  addServer: (env?: Record<string, string>) => Promise<ClusterProcess>
  stop: () => Promise<void>
}

/** The JWT key every process shares (a token from one must open sockets on another). */
export const CLUSTER_JWT_SECRET = 'tidings-cluster-development-secret-0123456789'

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise(resolve => child.once('exit', () => resolve()))
}

async function waitForRedis(port: number, child: ChildProcess, output: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!output().includes('Ready to accept connections')) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with code ${child.exitCode}: ${output().slice(-2000)}`)
    if (Date.now() > deadline)
      throw new Error(`redis-server did not start on port ${port} within ${timeoutMs} ms`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/** Starts `redis-server --port <free> --save '' --appendonly no` on 127.0.0.1: nothing is written to disk. */
export async function startRedis(options: RedisOptions = {}): Promise<RunningRedis> {
  const binary = options.binary ?? REDIS_SERVER
  if (!existsSync(binary))
    throw new Error(`redis-server not found at ${binary}: apt-get install -y redis-server`)
  const port = options.port ?? await freePort()
  let child: ChildProcess | null = null

  async function launch(): Promise<void> {
    let log = ''
    const started = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000))
    started.stdout?.on('data', keep)
    started.stderr?.on('data', keep)
    child = started
    await waitForRedis(port, started, () => log)
  }

  async function stop(): Promise<void> {
    const running = child
    child = null
    if (!running)
      return
    running.kill('SIGKILL')
    await exited(running)
  }

  await launch()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      await stop()
      await launch()
    },
  }
}

/** Starts one server process (mock-server/main.ts) on a free port, sharing Redis and the database. */
export async function startClusterProcess(options: ClusterProcessOptions): Promise<ClusterProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd: options.workDir ?? ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: CLUSTER_JWT_SECRET,
      TIDINGS_DB: options.dbPath,
      DATABASE_URL: options.databaseUrl ?? '',
      REDIS_URL: options.redisUrl,
      // Clients come through the front's nginx, which sets X-Real-IP (the processes bind 127.0.0.1 only).
      TRUST_PROXY: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    if (options.showLogs)
      process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${port}] `))
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/listening on http/.test(output)) {
        child.stdout?.off('data', check)
        child.off('exit', fail)
        resolve()
      }
    }
    const fail = (code: number | null) => reject(new Error(`server process exited early (${code}): ${output.slice(-2000)}`))
    child.stdout?.on('data', check)
    child.once('exit', fail)
  })
  let expectedExit = false
  child.once('exit', (code, signal) => {
    if (!expectedExit)
      console.error(`[cluster] server process on port ${port} exited unexpectedly (${signal ?? code}); its last lines:\n${output.slice(-3000)}`)
  })
  const signal = async (name: NodeJS.Signals) => {
    expectedExit = true
    if (child.exitCode === null && child.signalCode === null)
      child.kill(name)
    await exited(child)
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    child,
    output: () => output,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  }
}

/** Redis, N processes on one SQLite file, and (unless `frontPort: null`) nginx spreading requests over them. */
export async function startCluster(options: ClusterOptions = {}): Promise<RunningCluster> {
  const count = options.processes ?? 3
  const folder = mkdtempSync(join(tmpdir(), 'tidings-cluster-'))
  const dbPath = join(folder, 'tidings.db')
  const redis = await startRedis()
  const servers: ClusterProcess[] = []
  let front: RunningNginx | null = null
  let postgres: RunningPostgres | null = null
  let started = 0
  const addServer = async (env: Record<string, string> = {}) => {
    // With PostgreSQL nothing is shared through the host: each process has a folder of its own, and its
    // TIDINGS_DB (never opened) points into it.
    const workDir = postgres ? join(folder, `process-${++started}`) : undefined
    if (workDir)
      mkdirSync(workDir)
    const server = await startClusterProcess({
      redisUrl: redis.url,
      dbPath: workDir ? join(workDir, 'unused.db') : dbPath,
      databaseUrl: postgres?.url ?? null,
      workDir,
      env: { ...options.env, ...env },
      showLogs: options.showLogs,
    })
    servers.push(server)
    return server
  }
  const stop = async () => {
    await front?.stop()
    await Promise.all(servers.map(server => server.stop()))
    await redis.stop()
    await postgres?.stop()
    rmSync(folder, { recursive: true, force: true })
  }
  try {
    if (options.storage === 'postgres')
      postgres = await startPostgres()
    // The first one creates the database; the others open it as it stands.
    await addServer(options.firstEnv)
    await Promise.all(Array.from({ length: count - 1 }, () => addServer()))
    if (options.frontPort !== null) {
      // deploy/nginx.conf's upstream block says `server __BACKEND__;`: this fills in one entry per process
      // (on one line: the placeholder also appears in a comment).
      const backend = servers.map(server => `127.0.0.1:${server.port}`).join('; server ')
      front = await startNginx({ backend, port: options.frontPort })
    }
  }
  catch (error) {
    await stop()
    throw error
  }
  return { redis, servers, front, dbPath, postgres, addServer, stop }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      processes: { type: 'string', default: '3' },
      port: { type: 'string' },
      demo: { type: 'string' },
      postgres: { type: 'boolean', default: false },
    },
  })
  const cluster = await startCluster({
    processes: Number(values.processes),
    frontPort: values.port ? Number(values.port) : undefined,
    firstEnv: values.demo ? { DEMO_INTERVAL: values.demo } : {},
    showLogs: true,
    storage: values.postgres ? 'postgres' : 'sqlite',
  })
  const lines = [
    `Redis      ${cluster.redis.url}`,
    ...cluster.servers.map((server, index) => `process ${index + 1}  ${server.url} (pid ${server.pid})`),
    `database   ${cluster.postgres ? `DATABASE_URL=${cluster.postgres.url}` : cluster.dbPath}`,
    `front      ${cluster.front?.url} (nginx, round robin)  — try: curl ${cluster.front?.url}/api/ws/stats`,
    `JWT_SECRET ${CLUSTER_JWT_SECRET}`,
  ]
  console.log(`\n${lines.join('\n')}\nCtrl-C stops everything.\n`)
  let stopping = false
  const stop = () => {
    if (stopping)
      return
    stopping = true
    void cluster.stop().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
