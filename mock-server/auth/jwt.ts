// HS256 access tokens (jose). A token signed with the key whose `sub` names a known user is accepted
// (SPEC §1.1) when it also names a session (`sid`) that has not been revoked; `exp` is required so no
// socket outlives its token forever, and no token outlives its session.
import { createSecretKey, randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import type { User } from '../../src/protocol'
import { findUser } from './users'

export interface IssuedToken {
  token: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

export interface VerifiedToken {
  user: User
  /** The session the token belongs to: logout revokes it, and closes its connections. */
  sid: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

/** The session a token is issued for (storage/sessions.ts). */
export interface TokenSession {
  sid: string
  /** The session's absolute end, seconds since the epoch. */
  expiresAtSec: number
}

export type TokenCheck = { ok: true, value: VerifiedToken } | { ok: false, reason: string }

export interface TokenService {
  /** A token of the session, valid `ttlSec` from now but never past the session's end. */
  issue: (username: string, session: TokenSession, ttlSec: number) => Promise<IssuedToken>
  /**
   * Checks signature, user, session and expiry. `expiredFor`: also accept a token that expired at most
   * that many seconds ago (refresh takes an expired token; its session decides how long it may go on).
   */
  verify: (token: string | null | undefined, options?: { expiredFor?: number }) => Promise<TokenCheck>
}

export function createTokenService(secret: string, isRevoked: (sid: string) => Promise<boolean>): TokenService {
  // A KeyObject is imported once; raw bytes would be re-imported by jose on every sign and verify.
  const key = createSecretKey(Buffer.from(secret, 'utf8'))

  async function issue(username: string, session: TokenSession, ttlSec: number): Promise<IssuedToken> {
    const user = findUser(username)
    if (!user)
      throw new Error(`unknown user ${username}`)
    const exp = Math.min(Math.floor(Date.now() / 1000) + ttlSec, session.expiresAtSec)
    const token = await new SignJWT({ role: user.role, sid: session.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuedAt()
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key)
    return { token, exp }
  }

  async function verify(token: string | null | undefined, { expiredFor = 0 } = {}): Promise<TokenCheck> {
    if (!token)
      return { ok: false, reason: 'missing token' }
    let payload
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'], clockTolerance: expiredFor }))
    }
    catch (error) {
      const code = (error as { code?: string }).code
      return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token' }
    }
    const user = findUser(String(payload.sub))
    if (!user)
      return { ok: false, reason: 'unknown user' }
    // Without a session a token could not be signed out; only tokens from before sessions lack one.
    const sid = payload.sid
    if (typeof sid !== 'string' || sid === '')
      return { ok: false, reason: 'token has no session' }
    if (await isRevoked(sid))
      return { ok: false, reason: 'signed out' }
    return { ok: true, value: { user, sid, exp: Number(payload.exp) } }
  }

  return { issue, verify }
}
