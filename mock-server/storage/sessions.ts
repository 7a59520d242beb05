// Sign-in sessions. A login opens one (a random `sid`, an absolute end SESSION_TTL later); every token
// of it carries the sid, refresh keeps the sid and never reaches past the end, and logout revokes the
// session, which ends all of its tokens at once. Revoked sids are mirrored in memory because every socket
// handshake asks; when other processes share the database, a miss is checked in the table too (one of
// them may have revoked it since).
import { randomBytes } from 'node:crypto'
import type { Db } from './db'

export interface Session {
  sid: string
  userId: string
  createdAtSec: number
  /** The absolute end: no token of the session is valid after it, however often it was refreshed. */
  expiresAtSec: number
  revoked: boolean
}

export interface SessionStore {
  /** Opens a session for the user, ending `ttlSec` from now. */
  open: (userId: string, ttlSec: number) => Promise<Session>
  /** The session, or null when it was never opened here or has been forgotten since it ended. */
  find: (sid: string) => Promise<Session | null>
  /**
   * Revokes a session. One this database does not know (opened before a restart of a `:memory:`
   * database) is recorded as revoked until `knownUntilSec`, the end of the token that named it.
   */
  revoke: (sid: string, userId: string, knownUntilSec: number) => Promise<void>
  /** Revokes every live session of the user; returns their sids. */
  revokeAllOf: (userId: string) => Promise<string[]>
  /** True when the session was revoked, here or by another process sharing the database. */
  isRevoked: (sid: string) => Promise<boolean>
  /**
   * Revoked as far as this process knows without asking the database: its own revocations, those read
   * since, and those other processes announced (`noteRevoked`). Synchronous for the registry, whose check
   * must run in the same tick as the registration it guards.
   */
  isKnownRevoked: (sid: string) => boolean
  /** Remembers sids another process announced as signed out (its close command through Redis). */
  noteRevoked: (sids: readonly string[]) => void
}

export interface SessionStoreOptions {
  /** Other processes write to the same database. @default false */
  shared?: boolean
}

/** Ended sessions are deleted at most this often (their tokens have all expired). */
export const CLEANUP_EVERY_SEC = 60
/** How long a sid announced by another process is remembered (its end is not in the announcement). */
const NOTED_FOR_SEC = 24 * 60 * 60

export const nowSec = () => Math.floor(Date.now() / 1000)

/** sid → end of the session: a revoked sid is remembered until its tokens have expired anyway. */
export class RevokedSessions {
  private readonly ends: Map<string, number>
  constructor(entries: Iterable<[string, number]> = []) {
    this.ends = new Map(entries)
  }

  has(sid: string): boolean {
    return this.ends.has(sid)
  }

  set(sid: string, endSec: number): void {
    this.ends.set(sid, endSec)
  }

  note(sids: readonly string[]): void {
    const until = nowSec() + NOTED_FOR_SEC
    for (const sid of sids) {
      if (!this.ends.has(sid))
        this.ends.set(sid, until)
    }
  }

  forgetEnded(now: number): void {
    for (const [sid, end] of this.ends) {
      if (end <= now)
        this.ends.delete(sid)
    }
  }
}

/** A row of the sessions table, as both engines store it. */
export interface SessionRow {
  sid: string
  user_id: string
  created_at: number
  expires_at: number
  revoked: number
}

export function toSession(row: SessionRow): Session {
  return { sid: row.sid, userId: row.user_id, createdAtSec: row.created_at, expiresAtSec: row.expires_at, revoked: row.revoked === 1 }
}

export function createSessionStore(db: Db, { shared = false }: SessionStoreOptions = {}): SessionStore {
  const deleteEnded = db.prepare('DELETE FROM sessions WHERE expires_at <= ?')
  deleteEnded.run(nowSec())
  // sid → end of the session: a revoked sid is remembered until its tokens have expired anyway.
  const revoked = new RevokedSessions(db.prepare('SELECT sid, expires_at FROM sessions WHERE revoked = 1').raw().all() as [string, number][])
  const insert = db.prepare('INSERT INTO sessions (sid, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
  const select = db.prepare('SELECT sid, user_id, created_at, expires_at, revoked FROM sessions WHERE sid = ?')
  const revokeOne = db.prepare(`
    INSERT INTO sessions (sid, user_id, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, 1)
    ON CONFLICT (sid) DO UPDATE SET revoked = 1
    RETURNING expires_at`).pluck()
  const revokeUser = db.prepare('UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0 AND expires_at > ? RETURNING sid, expires_at').raw()
  const revokedEnd = db.prepare('SELECT expires_at FROM sessions WHERE sid = ? AND revoked = 1').pluck()
  let nextCleanupAt = nowSec() + CLEANUP_EVERY_SEC

  function cleanUp(now: number): void {
    if (now < nextCleanupAt)
      return
    nextCleanupAt = now + CLEANUP_EVERY_SEC
    deleteEnded.run(now)
    revoked.forgetEnded(now)
  }

  function revokedElsewhere(sid: string): boolean {
    const end = revokedEnd.get(sid) as number | undefined
    if (end === undefined)
      return false
    revoked.set(sid, end)
    return true
  }

  return {
    async open(userId, ttlSec) {
      const now = nowSec()
      cleanUp(now)
      const session: Session = { sid: randomBytes(16).toString('base64url'), userId, createdAtSec: now, expiresAtSec: now + ttlSec, revoked: false }
      insert.run(session.sid, userId, now, session.expiresAtSec)
      return session
    },
    async find(sid) {
      const row = select.get(sid) as SessionRow | undefined
      return row ? toSession(row) : null
    },
    async revoke(sid, userId, knownUntilSec) {
      revoked.set(sid, revokeOne.get(sid, userId, nowSec(), knownUntilSec) as number)
    },
    async revokeAllOf(userId) {
      const rows = revokeUser.all(userId, nowSec()) as [string, number][]
      for (const [sid, end] of rows)
        revoked.set(sid, end)
      return rows.map(([sid]) => sid)
    },
    isRevoked: async sid => revoked.has(sid) || (shared && revokedElsewhere(sid)),
    isKnownRevoked: sid => revoked.has(sid),
    noteRevoked: sids => revoked.note(sids),
  }
}
