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

/** ALTER TABLE … ADD COLUMN, skipped when a file numbered 0 already has the column (it may be from any build). */
function addColumnIfMissing(db: Db, table: string, column: string, definition: string): void {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
  if (!columns.includes(column))
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`)
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
  {
    version: 4,
    name: 'triage: done, snooze, an exact inbox unread count, preferences',
    up: (db) => {
      // Done items are archived; a snoozed one holds the time its snooze ends (ms since the epoch) until
      // the wake scheduler (triage/wakes.ts) clears it and makes the item unread again.
      addColumnIfMissing(db, 'notifications', 'archived', 'INTEGER NOT NULL DEFAULT 0')
      addColumnIfMissing(db, 'notifications', 'snoozed_until', 'INTEGER')
      // The inbox's unread count (unread, not archived, not snoozed) kept beside the stored count by the
      // same triggers, whichever process writes, so GET unread_count is one lookup at any inbox size.
      addColumnIfMissing(db, 'notification_counts', 'unread_inbox', 'INTEGER NOT NULL DEFAULT 0')
      // The schema's text is stored in the file as written: kept on one line each, so the whole schema
      // still fits SQLite's first page.
      const inInbox = (row: 'NEW' | 'OLD') => `(${row}.status='unread' AND ${row}.archived=0 AND ${row}.snoozed_until IS NULL)`
      db.exec(`
        DROP TRIGGER IF EXISTS notification_counted;
        DROP TRIGGER IF EXISTS notification_uncounted;
        DROP TRIGGER IF EXISTS notification_recounted;
        CREATE TRIGGER notification_counted AFTER INSERT ON notifications BEGIN INSERT INTO notification_counts (user_id, stored, unread_inbox) VALUES (NEW.user_id, 1, ${inInbox('NEW')}) ON CONFLICT (user_id) DO UPDATE SET stored=stored+1, unread_inbox=unread_inbox+excluded.unread_inbox; END;
        CREATE TRIGGER notification_uncounted AFTER DELETE ON notifications BEGIN UPDATE notification_counts SET stored=stored-1, unread_inbox=unread_inbox-${inInbox('OLD')} WHERE user_id=OLD.user_id; END;
        CREATE TRIGGER notification_recounted AFTER UPDATE OF status, archived, snoozed_until ON notifications WHEN ${inInbox('NEW')}!=${inInbox('OLD')} BEGIN UPDATE notification_counts SET unread_inbox=unread_inbox+${inInbox('NEW')}-${inInbox('OLD')} WHERE user_id=NEW.user_id; END;
        UPDATE notification_counts SET unread_inbox = (SELECT count(*) FROM notifications
          WHERE notifications.user_id = notification_counts.user_id AND status = 'unread' AND archived = 0 AND snoozed_until IS NULL);
      `)
      // The list's views, newest first: the inbox is (archived 0, snoozed_until NULL), an index seek. The
      // second serves status and type filters within a view; its prefix (user_id, status) replaces
      // notifications_unread. The third finds the nearest wake of every user's snoozes (one timer for all).
      db.exec(`
        CREATE INDEX IF NOT EXISTS notifications_by_view ON notifications (user_id, archived, snoozed_until, id);
        CREATE INDEX IF NOT EXISTS notifications_by_filter ON notifications (user_id, status, type, archived, snoozed_until, id);
        DROP INDEX IF EXISTS notifications_unread;
        CREATE INDEX IF NOT EXISTS notifications_by_wake ON notifications (snoozed_until) WHERE snoozed_until IS NOT NULL;
      `)
      // What may interrupt each user (src/protocol/preferences.ts), as the JSON the API answers.
      db.exec('CREATE TABLE IF NOT EXISTS preferences (user_id TEXT PRIMARY KEY, preferences TEXT NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID')
    },
  },
  {
    version: 5,
    name: 'stable text keys of notifications (v1.2)',
    up: (db) => {
      // The title's and content's keys and params as JSON (src/protocol/textKeys.ts); null for plain text.
      addColumnIfMissing(db, 'notifications', 'text_keys', 'TEXT')
    },
  },
]

/** The indexes step 4 adds, by name (the benchmark drops them to measure the list without them). */
export const TRIAGE_INDEXES = ['notifications_by_view', 'notifications_by_filter', 'notifications_by_wake'] as const

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
