// The storage engines a contract test runs against, each giving fresh databases: SQLite files in a
// temporary folder, and databases on one throwaway PostgreSQL (deploy/postgres.ts) per test file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe } from 'vitest'
import { postgresBinaries, startPostgres, type RunningPostgres } from '../../../deploy/postgres'
import { openPostgresStorage } from '../../../mock-server/storage/postgres'
import { openSqliteStorage } from '../../../mock-server/storage/sqlite'
import type { Storage } from '../../../mock-server/storage/storage'

/** One empty database; each `open()` is another process's view of it (its own connection or pool). */
export interface FreshDatabase {
  open: () => Promise<Storage>
  /** What a server needs to use it: `dbPath` or `databaseUrl`. */
  serverOptions: { dbPath: string } | { databaseUrl: string }
}

export interface Engine {
  name: 'sqlite' | 'postgres'
  start: () => Promise<void>
  fresh: () => Promise<FreshDatabase>
  stop: () => Promise<void>
}

function sqliteEngine(): Engine {
  let folder = ''
  let count = 0
  return {
    name: 'sqlite',
    start: async () => {
      folder = mkdtempSync(join(tmpdir(), 'tidings-contract-'))
    },
    fresh: async () => {
      const dbPath = join(folder, `db${++count}.db`)
      return { open: async () => openSqliteStorage(dbPath, { shared: true }), serverOptions: { dbPath } }
    },
    stop: async () => rmSync(folder, { recursive: true, force: true }),
  }
}

function postgresEngine(): Engine {
  let postgres: RunningPostgres | null = null
  let count = 0
  return {
    name: 'postgres',
    start: async () => {
      postgres = await startPostgres()
    },
    fresh: async () => {
      const databaseUrl = await postgres!.createDatabase(`contract_${++count}`)
      return { open: () => openPostgresStorage(databaseUrl, { max: 4 }), serverOptions: { databaseUrl } }
    },
    stop: async () => postgres?.stop(),
  }
}

export const postgresAvailable = postgresBinaries() !== null
if (!postgresAvailable)
  console.warn('[postgres tests] skipped: initdb and pg_ctl are not installed (apt-get install -y postgresql)')

/** `describe`, skipped (with the warning above) on a machine without PostgreSQL's binaries. */
export const describePostgres = describe.skipIf(!postgresAvailable)

/** Every engine this machine can run: SQLite always, PostgreSQL when its binaries are installed. */
export const ENGINES: Engine[] = postgresAvailable ? [sqliteEngine(), postgresEngine()] : [sqliteEngine()]
