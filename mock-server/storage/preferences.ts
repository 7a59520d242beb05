// Each user's preferences (SPEC §3.2), stored whole as the JSON the API answers. A user who never saved
// any gets the protocol's defaults; a stored object is merged over them, so a field added to the
// preferences later gets its default for users who saved before it existed.
import { defaultPreferences, mergePreferences, type Preferences, type PreferencesPatch } from '../../src/protocol'
import type { Db } from './db'
import type { Synchronous } from './storage'

export interface PreferenceStore {
  get: (userId: string) => Promise<Preferences>
  /** Merges the patch into the stored preferences and returns them whole. */
  update: (userId: string, patch: PreferencesPatch) => Promise<Preferences>
}

export type SqlitePreferenceStore = Synchronous<PreferenceStore>

export function createPreferenceStore(db: Db): SqlitePreferenceStore {
  const read = db.prepare('SELECT preferences FROM preferences WHERE user_id = ?').pluck()
  const write = db.prepare(`INSERT INTO preferences (user_id, preferences, updated_at) VALUES (@userId, @preferences, @updatedAt)
    ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`)

  function get(userId: string): Preferences {
    const stored = read.get(userId) as string | undefined
    return stored === undefined ? defaultPreferences() : mergePreferences(defaultPreferences(), JSON.parse(stored) as PreferencesPatch)
  }

  // Read and write in one transaction: two processes saving different parts at once both keep theirs.
  const update = db.transaction((userId: string, patch: PreferencesPatch) => {
    const preferences = mergePreferences(get(userId), patch)
    write.run({ userId, preferences: JSON.stringify(preferences), updatedAt: new Date().toISOString() })
    return preferences
  })

  return { get, update: (userId, patch) => update.immediate(userId, patch) }
}
