// Starts the production server (`npm start` semantics: built SPA + API on one port) as a child
// process, on a free port and a temporary SQLite file that survives restarts within a test.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../../deploy/nginx'

export interface ServerProcessOptions {
  /** Extra environment (e.g. WS_HEARTBEAT_INTERVAL). */
  env?: Record<string, string>
  /** Reuse a database file across restarts. @default a new temporary file */
  dbPath?: string
  /** @default a free port */
  port?: number
}

export interface ServerProcess {
  url: string
  port: number
  dbPath: string
  /** Stops the process; its own temporary database goes too unless `keepData` (to `restart()` on it later). */
  stop: (options?: { keepData?: boolean }) => Promise<void>
  /** Starts a new process on the same port and database. */
  restart: () => Promise<ServerProcess>
}

async function waitForStats(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/api/ws/stats`, { signal: AbortSignal.timeout(1000) })
      if (response.ok)
        return
    }
    catch {}
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`)
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? await freePort()
  const ownDir = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'tidings-e2e-'))
  const dbPath = options.dbPath ?? join(ownDir!, 'tidings.db')
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      TIDINGS_DB: dbPath,
      STATIC_DIR: 'dist',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  await waitForStats(url, child)
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null)
      return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
  return {
    url,
    port,
    dbPath,
    stop: async ({ keepData = false } = {}) => {
      await stop()
      if (ownDir && !options.dbPath && !keepData)
        rmSync(ownDir, { recursive: true, force: true })
    },
    restart: async () => {
      await stop()
      return startServerProcess({ ...options, port, dbPath })
    },
  }
}
