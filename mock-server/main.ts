// `npm run server` / `npm start`: settings from the environment (SPEC §1.6), checked before anything
// starts; SIGINT/SIGTERM close every socket with 1001, flush the database and exit 0.
import { startServer } from './app'
import { ConfigError, optionsFromEnv, type ServerOptions } from './config'
import { consoleLogger } from './logger'
import { describeDatabaseUrl } from './storage/postgres'

function settings(): Partial<ServerOptions> {
  try {
    return optionsFromEnv(process.env)
  }
  catch (error) {
    if (error instanceof ConfigError) {
      console.error(`tidings: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}

const options = settings()
let server
try {
  server = await startServer({ ...options, logger: consoleLogger })
}
catch (error) {
  const { code, message } = error as NodeJS.ErrnoException
  const where = `${options.host ?? '127.0.0.1'}:${options.port ?? 8000}`
  console.error(code === 'EADDRINUSE'
    ? `tidings: ${where} is already in use (another server running? set PORT to use another port)`
    : `tidings: could not start: ${message}`)
  process.exit(1)
}

const running = server
const database = running.options.databaseUrl === null ? running.options.dbPath : `PostgreSQL ${describeDatabaseUrl(running.options.databaseUrl)}`
consoleLogger('info', `Tidings server listening on ${running.url} (stats: ${running.url}/api/ws/stats, database: ${database})`)

let stopping = false
function shutdown(signal: string): void {
  if (stopping) {
    consoleLogger('warn', `${signal} again: exiting without waiting`)
    process.exit(1)
  }
  stopping = true
  consoleLogger('info', `${signal}: closing connections`)
  running.close().then(
    () => {
      consoleLogger('info', 'stopped')
      process.exit(0)
    },
    (error: Error) => {
      consoleLogger('error', `shutdown failed: ${error.message}`)
      process.exit(1)
    },
  )
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))
