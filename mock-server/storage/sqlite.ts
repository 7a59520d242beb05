// The embedded engine: one SQLite file (or ':memory:') behind the async storage interface. Each store
// runs synchronously inside better-sqlite3 (its transactions, IMMEDIATE where a count guards an
// insert, are unchanged) and the answer is handed over as a resolved promise.
import { openDatabase } from './db'
import { createNotificationStore, type NotificationStore } from './notifications'
import { createPreferenceStore, type PreferenceStore } from './preferences'
import { createSessionStore } from './sessions'
import { promised, type Storage } from './storage'
import { createTaskStore, type TaskStore } from './tasks'
import { createTriageStore, type TriageStore } from './triage'

export interface SqliteStorageOptions {
  /** Other processes open the same file (revocations are then looked up in the table on a miss). @default false */
  shared?: boolean
}

export function openSqliteStorage(path: string, { shared = false }: SqliteStorageOptions = {}): Storage {
  const db = openDatabase(path)
  return {
    engine: 'sqlite',
    notifications: promised<NotificationStore>(createNotificationStore(db)),
    triage: promised<TriageStore>(createTriageStore(db)),
    tasks: promised<TaskStore>(createTaskStore(db)),
    sessions: createSessionStore(db, { shared }),
    preferences: promised<PreferenceStore>(createPreferenceStore(db)),
    close: async () => {
      db.close()
    },
  }
}
