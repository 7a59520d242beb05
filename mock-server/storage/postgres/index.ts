// The PostgreSQL engine behind the async storage interface: one pool per process, the schema brought
// up to date at start (under an advisory lock), every store over the pool.
import type { Storage } from '../storage'
import { migratePostgres } from './migrations'
import { createPostgresNotificationStore } from './notifications'
import { createPool, type PoolOptions } from './pool'
import { createPostgresPreferenceStore } from './preferences'
import { createPostgresSessionStore } from './sessions'
import { createPostgresTaskStore } from './tasks'
import { createPostgresTriageStore } from './triage'

/** Connects, migrates and returns the storage; a database that cannot be reached fails here, at start. */
export async function openPostgresStorage(url: string, options: PoolOptions = {}): Promise<Storage> {
  const pool = createPool(url, options)
  try {
    await migratePostgres(pool)
    return {
      engine: 'postgres',
      notifications: createPostgresNotificationStore(pool),
      triage: createPostgresTriageStore(pool),
      tasks: createPostgresTaskStore(pool),
      sessions: await createPostgresSessionStore(pool),
      preferences: createPostgresPreferenceStore(pool),
      close: () => pool.end(),
    }
  }
  catch (error) {
    await pool.end().catch(() => {})
    throw new Error(`PostgreSQL ${describeDatabaseUrl(url)} cannot be used: ${(error as Error).message}`)
  }
}

/** host:port/database, without the user and password, for log lines and errors. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url)
  return `${parsed.host}${parsed.pathname}`
}
