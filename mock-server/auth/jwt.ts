// HS256 access tokens (jose). A token signed with the key whose `sub` names a known user is accepted
// (SPEC §1.1) when it also names a session (`sid`) that has not been revoked; `exp` is required so no
// socket outlives its token forever, and no token outlives its session.
import { randomUUID, webcrypto } from 'node:crypto'
import { jwtVerify, SignJWT, type JWTPayload } from 'jose'
import type { User } from '../../src/protocol'
import { findUser } from './users'
import { VerifiedTokens, type VerifiedClaims } from './verified-tokens'

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

/** The claims of a token, checked by jose (signature, HS256, `sub` and `exp` present, not expired beyond `expiredFor`). */
async function checkedClaims(token: string, key: Promise<webcrypto.CryptoKey>, expiredFor: number): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, await key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'], clockTolerance: expiredFor })
  return payload
}

export function createTokenService(secret: string, isRevoked: (sid: string) => Promise<boolean>): TokenService {
  // A WebCrypto key imported once: jose turns a KeyObject (or raw bytes) into one on every sign and verify.
  const key = webcrypto.subtle.importKey('raw', Buffer.from(secret, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  const verified = new VerifiedTokens()

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
      .sign(await key)
    return { token, exp }
  }

  /** The token's claims: from the cache when its signature was checked before, else from jose (and then cached). */
  async function claimsOf(token: string, expiredFor: number): Promise<VerifiedClaims | 'expired' | 'invalid'> {
    const cached = verified.lookup(token, Math.floor(Date.now() / 1000), expiredFor)
    if (cached)
      return cached.expired ? 'expired' : cached.claims
    let payload
    try {
      payload = await checkedClaims(token, key, expiredFor)
    }
    catch (error) {
      return (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid'
    }
    const claims: VerifiedClaims = { sub: String(payload.sub), sid: payload.sid, exp: Number(payload.exp) }
    // `nbf` would make validity start later; the server never issues one, so such a token is not cached.
    if (payload.nbf === undefined)
      verified.remember(token, claims)
    return claims
  }

  async function verify(token: string | null | undefined, { expiredFor = 0 } = {}): Promise<TokenCheck> {
    if (!token)
      return { ok: false, reason: 'missing token' }
    const claims = await claimsOf(token, expiredFor)
    if (claims === 'expired' || claims === 'invalid')
      return { ok: false, reason: claims === 'expired' ? 'token expired' : 'invalid token' }
    const user = findUser(claims.sub)
    if (!user)
      return { ok: false, reason: 'unknown user' }
    // Without a session a token could not be signed out; only tokens from before sessions lack one.
    const sid = claims.sid
    if (typeof sid !== 'string' || sid === '')
      return { ok: false, reason: 'token has no session' }
    // Asked on every check, cached token or not: a sign-out ends its tokens at once.
    if (await isRevoked(sid))
      return { ok: false, reason: 'signed out' }
    return { ok: true, value: { user, sid, exp: claims.exp } }
  }

  return { issue, verify }
}
