// Picks the engine: PostgreSQL when DATABASE_URL names one, else the SQLite file (the embedded default).
import type { ServerOptions } from '../config'
import { openPostgresStorage } from './postgres'
import { openSqliteStorage } from './sqlite'
import type { Storage } from './storage'

export interface OpenStorageOptions {
  /** Other processes share the database (with SQLite: the same file). */
  shared: boolean
}

export async function openStorage(options: Pick<ServerOptions, 'dbPath' | 'databaseUrl'>, { shared }: OpenStorageOptions): Promise<Storage> {
  if (options.databaseUrl !== null)
    return openPostgresStorage(options.databaseUrl)
  return openSqliteStorage(options.dbPath, { shared })
}
