// Embedded SQLite (better-sqlite3): one file under data/ by default, ':memory:' in tests.
// The schema is created on open; WAL keeps readers and the single writer out of each other's way.
import { mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
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

/** A database path that cannot be used; the message is the whole story, one line. */
export class DatabaseFileError extends Error {}

function kindOf(path: string): 'file' | 'folder' | null {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file'
  }
  catch {
    return null
  }
}

/** Refuses, in words, a path that names a folder or lies under a file, before SQLite says something vaguer. */
function checkPath(path: string): void {
  const full = resolve(path)
  if (kindOf(full) === 'folder')
    throw new DatabaseFileError(`database "${path}" is a folder, not a file (name a file in it, e.g. ${join(path, 'tidings.db')})`)
  for (let parent = dirname(full); parent !== dirname(parent); parent = dirname(parent)) {
    const kind = kindOf(parent)
    if (kind === 'file')
      throw new DatabaseFileError(`database "${path}" cannot be created: ${parent} is a file, not a folder`)
    if (kind === 'folder')
      return
  }
}

// A file whose header is intact opens fine and fails later, on the first query that reads a damaged
// page (a 500 on one user's list): look at every page once at start instead.
function checkIntegrity(db: Db, path: string): void {
  let problems: string[]
  try {
    problems = (db.pragma('quick_check(3)') as { quick_check: string }[]).map(row => row.quick_check)
  }
  catch (error) {
    problems = [(error as Error).message]
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    db.close()
    const detail = problems.join('; ').replace(/\s+/g, ' ')
    throw new DatabaseFileError(`database "${path}" is damaged (${detail}): restore a backup, or move the file away to start with an empty database`)
  }
}

function open(path: string): Db {
  let db: Db | null = null
  try {
    db = new Database(path)
    // Reading the schema is what tells a file that is not SQLite at all.
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    return db
  }
  catch (error) {
    db?.close()
    const { code, message } = error as { code?: string, message: string }
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new DatabaseFileError(`database "${path}" is not a readable SQLite file (${message}): move it away to start with an empty database`)
    throw error
  }
}

/** Opens (creating folders and tables as needed) the database at `path`, refusing a damaged file. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    checkPath(path)
    mkdirSync(dirname(resolve(path)), { recursive: true })
  }
  const db = open(path)
  if (path !== ':memory:') {
    checkIntegrity(db, path)
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
