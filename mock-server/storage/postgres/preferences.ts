// Preferences in PostgreSQL: read, merge and write in one transaction behind a per-user lock, so two
// processes saving different parts at once both keep theirs (as SQLite's IMMEDIATE transaction does).
import { defaultPreferences, mergePreferences, type PreferencesPatch } from '../../../src/protocol'
import type { PreferenceStore } from '../preferences'
import { transaction, type Client, type Pool } from './pool'

async function read(client: Pool | Client, userId: string) {
  const { rows } = await client.query<{ preferences: string }>('SELECT preferences FROM preferences WHERE user_id = $1', [userId])
  return rows[0] === undefined ? defaultPreferences() : mergePreferences(defaultPreferences(), JSON.parse(rows[0].preferences) as PreferencesPatch)
}

export function createPostgresPreferenceStore(pool: Pool): PreferenceStore {
  return {
    get: userId => read(pool, userId),
    update: (userId, patch) => transaction(pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('tidings:preferences:' || $1))`, [userId])
      const preferences = mergePreferences(await read(client, userId), patch)
      await client.query(`INSERT INTO preferences (user_id, preferences, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`,
      [userId, JSON.stringify(preferences), new Date().toISOString()])
      return preferences
    }),
  }
}
