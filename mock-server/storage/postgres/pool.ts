// The PostgreSQL connection pool and the one way to run a transaction on it. bigint columns (ids, ms
// timestamps) come back as numbers: every value stored fits in 2^53.
import pg from 'pg'
import { MAX_NOTIFICATIONS_PER_USER } from '../../../src/protocol'

export type Pool = pg.Pool
export type Client = pg.PoolClient

const INT8_OID = 20

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export interface PoolOptions {
  /** Connections the process keeps at most. @default 10 */
  max?: number
}

/** The per-user notification cap, as a setting of every connection (read by the count trigger). */
export const CAP_SETTING = 'tidings.max_notifications_per_user'

export function createPool(url: string, { max = 10 }: PoolOptions = {}): Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, options: `-c ${CAP_SETTING}=${MAX_NOTIFICATIONS_PER_USER}` })
  // An idle connection the server drops (restart, failover) must not crash the process: the pool
  // replaces it on the next query, and that query's caller gets the error.
  pool.on('error', () => {})
  return pool
}

/** SQLSTATEs worth running the whole transaction again for: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01'])
const ATTEMPTS = 5

/**
 * Runs `work` in one transaction on one pooled connection (COMMIT, or ROLLBACK and rethrow); a
 * serialization failure or deadlock runs it again, a few times, since the other writer has won.
 */
export async function transaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    }
    catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      if (attempt < ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? ''))
        continue
      throw error
    }
    finally {
      client.release()
    }
  }
}
