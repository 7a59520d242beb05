// Embedded SQLite (better-sqlite3): one file under data/ by default, ':memory:' in tests.
// Its schema is brought up to date on open (migrations.ts); WAL keeps readers and the single writer out
// of each other's way.
import { mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { migrate, NewerSchemaError } from './migrations'

export type Db = Database.Database


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
  try {
    migrate(db)
  }
  catch (error) {
    db.close()
    if (error instanceof NewerSchemaError)
      throw new DatabaseFileError(`database "${path}" cannot be opened: ${error.message}`)
    throw error
  }
  return db
}
