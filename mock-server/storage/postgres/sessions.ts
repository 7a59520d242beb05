// Sign-in sessions in PostgreSQL: the same behaviour as ../sessions.ts. Every process may revoke, so a
// miss in this process's memory is always looked up in the table (as SQLite does when shared).
import { randomBytes } from 'node:crypto'
import { CLEANUP_EVERY_SEC, nowSec, RevokedSessions, toSession, type Session, type SessionRow, type SessionStore } from '../sessions'
import type { Pool } from './pool'


export async function createPostgresSessionStore(pool: Pool): Promise<SessionStore> {
  await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [nowSec()])
  const { rows } = await pool.query<{ sid: string, expires_at: number }>('SELECT sid, expires_at FROM sessions WHERE revoked = 1')
  const revoked = new RevokedSessions(rows.map(row => [row.sid, row.expires_at]))
  let nextCleanupAt = nowSec() + CLEANUP_EVERY_SEC

  async function cleanUp(now: number): Promise<void> {
    if (now < nextCleanupAt)
      return
    nextCleanupAt = now + CLEANUP_EVERY_SEC
    revoked.forgetEnded(now)
    await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now])
  }

  return {
    async open(userId, ttlSec) {
      const now = nowSec()
      await cleanUp(now)
      const session: Session = { sid: randomBytes(16).toString('base64url'), userId, createdAtSec: now, expiresAtSec: now + ttlSec, revoked: false }
      await pool.query('INSERT INTO sessions (sid, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [session.sid, userId, now, session.expiresAtSec])
      return session
    },
    async find(sid) {
      const { rows } = await pool.query<SessionRow>('SELECT sid, user_id, created_at, expires_at, revoked FROM sessions WHERE sid = $1', [sid])
      return rows[0] ? toSession(rows[0]) : null
    },
    async revoke(sid, userId, knownUntilSec) {
      const { rows } = await pool.query<{ expires_at: number }>(`INSERT INTO sessions (sid, user_id, created_at, expires_at, revoked)
        VALUES ($1, $2, $3, $4, 1) ON CONFLICT (sid) DO UPDATE SET revoked = 1 RETURNING expires_at`, [sid, userId, nowSec(), knownUntilSec])
      revoked.set(sid, rows[0]!.expires_at)
    },
    async revokeAllOf(userId) {
      const { rows } = await pool.query<{ sid: string, expires_at: number }>(`UPDATE sessions SET revoked = 1
        WHERE user_id = $1 AND revoked = 0 AND expires_at > $2 RETURNING sid, expires_at`, [userId, nowSec()])
      for (const row of rows)
        revoked.set(row.sid, row.expires_at)
      return rows.map(row => row.sid)
    },
    async isRevoked(sid) {
      if (revoked.has(sid))
        return true
      const { rows } = await pool.query<{ expires_at: number }>('SELECT expires_at FROM sessions WHERE sid = $1 AND revoked = 1', [sid])
      if (rows[0] === undefined)
        return false
      revoked.set(sid, rows[0].expires_at)
      return true
    },
    isKnownRevoked: sid => revoked.has(sid),
    noteRevoked: sids => revoked.note(sids),
  }
}
