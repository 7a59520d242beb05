// Embedded SQLite (better-sqlite3): one file under data/ by default, ':memory:' in tests.
// The schema is created on open; WAL keeps readers and the single writer out of each other's way.
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'

export type Db = Database.Database

const schema = `
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
`

/** Opens (creating folders and tables as needed) the database at `path`. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:')
    mkdirSync(dirname(resolve(path)), { recursive: true })
  const db = new Database(path)
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  // One write transaction, so processes opening the same file at once cannot both count the rows.
  db.transaction(() => {
    const counted = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notification_counts'`).get() !== undefined
    db.exec(schema)
    // A file from before the counts table: count what it already holds.
    if (!counted)
      db.exec('INSERT INTO notification_counts (user_id, stored) SELECT user_id, count(*) FROM notifications GROUP BY user_id')
  }).immediate()
  return db
}
