// Runs a throwaway PostgreSQL from Debian's binaries (apt-get install -y postgresql) for tests, benchmarks
// and developers: `initdb` into a temporary folder, a free port on 127.0.0.1, `pg_ctl` start, a database
// created; `stop()` stops the server and deletes the folder. Nothing under /etc or /var is touched.
//   npx tsx deploy/postgres.ts            (prints the DATABASE_URL; Ctrl-C stops and deletes it)
import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './nginx'

const run = promisify(execFile)

export interface PostgresOptions {
  /** Name of the database created for the caller. @default 'tidings' */
  database?: string
  /** Port on 127.0.0.1. @default a free port */
  port?: number
}

export interface RunningPostgres {
  /** `postgres://tidings@127.0.0.1:<port>/<database>` */
  url: string
  port: number
  /** Creates another empty database on the same server and returns its URL (one per test file or case). */
  createDatabase: (name: string) => Promise<string>
  /** Stops the server at once and deletes its folder. */
  stop: () => Promise<void>
}

const ROLE = 'tidings'

/** The folder holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): string | null {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl')))
      return folder
  }
  const debian = '/usr/lib/postgresql'
  if (!existsSync(debian))
    return null
  const versions = readdirSync(debian).filter(name => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))
  const found = versions.map(version => join(debian, version, 'bin')).find(folder => existsSync(join(folder, 'initdb')))
  return found ?? null
}

/** initdb refuses to run as root: there, the server runs as the `postgres` account Debian's package creates. */
function serverAccount(): { uid: number, gid: number } | null {
  if (process.getuid?.() !== 0)
    return null
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find(entry => entry.startsWith('postgres:'))
  if (!line)
    throw new Error('running as root and there is no postgres account to run PostgreSQL as: apt-get install -y postgresql')
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

async function createDatabaseAt(port: number, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`database name "${name}": lowercase letters, digits and _ only`)
  const admin = new pg.Client({ host: '127.0.0.1', port, user: ROLE, database: 'postgres' })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  }
  finally {
    await admin.end()
  }
  return `postgres://${ROLE}@127.0.0.1:${port}/${name}`
}

export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const bin = postgresBinaries()
  if (!bin)
    throw new Error('PostgreSQL not found (initdb, pg_ctl): apt-get install -y postgresql')
  const account = serverAccount()
  const folder = mkdtempSync(join(tmpdir(), 'tidings-postgres-'))
  if (account)
    chownSync(folder, account.uid, account.gid)
  const data = join(folder, 'data')
  const as = account ?? {}
  const port = options.port ?? await freePort()
  try {
    // Trust on 127.0.0.1 and the private socket folder only; fsync off: the data is thrown away anyway.
    await run(join(bin, 'initdb'), ['-D', data, '-U', ROLE, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], as)
    const serverFlags = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
    await run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(folder, 'server.log'), '-o', serverFlags, '-w', '-t', '60', 'start'], as)
  }
  catch (error) {
    const log = existsSync(join(folder, 'server.log')) ? readFileSync(join(folder, 'server.log'), 'utf8').slice(-2000) : ''
    rmSync(folder, { recursive: true, force: true })
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`)
  }
  let stopped: Promise<void> | null = null
  const stop = async () => {
    try {
      await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], as)
    }
    finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }
  try {
    return {
      url: await createDatabaseAt(port, options.database ?? 'tidings'),
      port,
      createDatabase: name => createDatabaseAt(port, name),
      stop: () => (stopped ??= stop()),
    }
  }
  catch (error) {
    await stop()
    throw error
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const postgres = await startPostgres()
  console.log(`PostgreSQL running: DATABASE_URL=${postgres.url} (Ctrl-C stops it and deletes its data)`)
  const stop = () => void postgres.stop().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
