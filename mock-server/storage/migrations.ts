// The database's schema as numbered steps. A file records the last step applied (`PRAGMA user_version`);
// opening it applies the missing ones in one write transaction, so processes opening one file at once
// run each step once. Files from before the steps were numbered have version 0 and tables already there:
// every step is written to be safe on them (IF NOT EXISTS; counts recomputed from the rows).
import type { Db } from './db'

export interface Migration {
  version: number
  /** What the step adds, for the log and for whoever reads this list. */
  name: string
  up: (db: Db) => void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'notifications and tasks',
    up: db => db.exec(`
      CREATE TABLE IF NOT EXISTS notifications (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id    TEXT NOT NULL,
        title      TEXT NOT NULL,
        content    TEXT NOT NULL,
        type       TEXT NOT NULL,
        link       TEXT,
        source     TEXT,
        created_at TEXT NOT NULL,
        status     TEXT NOT NULL DEFAULT 'unread'
      );
      CREATE INDEX IF NOT EXISTS notifications_by_user ON notifications (user_id, id);
      CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (user_id, status);

      CREATE TABLE IF NOT EXISTS tasks (
        task_id      TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL,
        symbol       TEXT NOT NULL,
        steps        TEXT NOT NULL,
        step_ms      INTEGER NOT NULL,
        fail_at_step INTEGER,
        status       TEXT NOT NULL,
        message      TEXT NOT NULL,
        step         INTEGER NOT NULL,
        progress     REAL NOT NULL,
        result       TEXT,
        error        TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS tasks_by_user ON tasks (user_id);
      CREATE INDEX IF NOT EXISTS tasks_by_symbol ON tasks (symbol);
    `),
  },
  {
    version: 2,
    name: 'per-user notification counts kept by triggers',
    up: (db) => {
      db.exec(`
        -- How many notifications each user has, kept by SQLite itself on every insert and delete (whichever
        -- process makes it), so the per-user cap is checked with one lookup instead of a walk of the user's rows.
        CREATE TABLE IF NOT EXISTS notification_counts (
          user_id TEXT PRIMARY KEY,
          stored  INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS notification_counted AFTER INSERT ON notifications BEGIN
          INSERT INTO notification_counts (user_id, stored) VALUES (NEW.user_id, 1)
            ON CONFLICT (user_id) DO UPDATE SET stored = stored + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS notification_uncounted AFTER DELETE ON notifications BEGIN
          UPDATE notification_counts SET stored = stored - 1 WHERE user_id = OLD.user_id;
        END;
      `)
      // Whatever the table held (nothing, or counts from a build before the steps were numbered), the rows decide.
      db.exec('DELETE FROM notification_counts')
      db.exec('INSERT INTO notification_counts (user_id, stored) SELECT user_id, count(*) FROM notifications GROUP BY user_id')
    },
  },
  {
    version: 3,
    name: 'sign-in sessions (they replace the revoked-token list)',
    up: db => db.exec(`
      DROP TABLE IF EXISTS revoked_tokens;

      -- Sign-in sessions (storage/sessions.ts): every token names one by its sid; logout revokes it.
      CREATE TABLE IF NOT EXISTS sessions (
        sid        TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked    INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id, expires_at);
      CREATE INDEX IF NOT EXISTS sessions_by_end ON sessions (expires_at);
    `),
  },
]

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** A file written by a newer build, which this one cannot know how to read. */
export class NewerSchemaError extends Error {}

/** Applies the steps the file lacks; returns the version it was at. */
export function migrate(db: Db): number {
  return db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number
    if (current > SCHEMA_VERSION)
      throw new NewerSchemaError(`its schema is version ${current}, newer than this build's ${SCHEMA_VERSION} (run a newer Tidings)`)
    for (const step of MIGRATIONS) {
      if (step.version > current)
        step.up(db)
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    return current
  }).immediate()
}
