// Revoked token ids (logout). Kept in SQLite so a restart does not bring a logged-out token back,
// mirrored in a Set because every socket handshake asks. When other processes share the database, one
// of them may have revoked a token since: a miss in the Set is then checked in the table too.
import type { Db } from './db'

export interface RevocationStore {
  revoke: (jti: string, expiresAtSec: number) => void
  isRevoked: (jti: string) => boolean
}

export interface RevocationStoreOptions {
  /** Other processes write to the same database. @default false */
  shared?: boolean
}

export function createRevocationStore(db: Db, { shared = false }: RevocationStoreOptions = {}): RevocationStore {
  const nowSec = () => Math.floor(Date.now() / 1000)
  db.prepare('DELETE FROM revoked_tokens WHERE expires_at < ?').run(nowSec())
  const revoked = new Set(db.prepare('SELECT jti FROM revoked_tokens').pluck().all() as string[])
  const insert = db.prepare('INSERT OR IGNORE INTO revoked_tokens (jti, expires_at) VALUES (?, ?)')
  const prune = db.prepare('DELETE FROM revoked_tokens WHERE expires_at < ? RETURNING jti')
  const stored = db.prepare('SELECT 1 FROM revoked_tokens WHERE jti = ?').pluck()

  function isRevokedElsewhere(jti: string): boolean {
    if (stored.get(jti) === undefined)
      return false
    revoked.add(jti)
    return true
  }

  return {
    revoke(jti, expiresAtSec) {
      insert.run(jti, expiresAtSec)
      revoked.add(jti)
      // Expired tokens fail verification anyway; forget their ids.
      for (const gone of prune.pluck().all(nowSec()) as string[])
        revoked.delete(gone)
    },
    isRevoked: jti => revoked.has(jti) || (shared && isRevokedElsewhere(jti)),
  }
}
