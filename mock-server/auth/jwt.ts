// HS256 access tokens (jose). Any token signed with the key whose `sub` names a known user is accepted,
// whoever issued it (SPEC §1.1); `exp` is required so no socket outlives its token forever.
import { createHash, createSecretKey, randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import type { User } from '../../src/protocol'
import { findUser } from './users'

export interface IssuedToken {
  token: string
  jti: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

export interface VerifiedToken {
  user: User
  /** The token's `jti`, or a digest of the token when it has none (so logout can still revoke it). */
  jti: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

export type TokenCheck = { ok: true, value: VerifiedToken } | { ok: false, reason: string }

export interface TokenService {
  issue: (username: string, ttlSec: number) => Promise<IssuedToken>
  verify: (token: string | null | undefined) => Promise<TokenCheck>
}

export function createTokenService(secret: string, isRevoked: (jti: string) => boolean): TokenService {
  // A KeyObject is imported once; raw bytes would be re-imported by jose on every sign and verify.
  const key = createSecretKey(Buffer.from(secret, 'utf8'))

  async function issue(username: string, ttlSec: number): Promise<IssuedToken> {
    const user = findUser(username)
    if (!user)
      throw new Error(`unknown user ${username}`)
    const jti = randomUUID()
    const exp = Math.floor(Date.now() / 1000) + ttlSec
    const token = await new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuedAt()
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(key)
    return { token, jti, exp }
  }

  async function verify(token: string | null | undefined): Promise<TokenCheck> {
    if (!token)
      return { ok: false, reason: 'missing token' }
    let payload
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] }))
    }
    catch (error) {
      const code = (error as { code?: string }).code
      return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token' }
    }
    const user = findUser(String(payload.sub))
    if (!user)
      return { ok: false, reason: 'unknown user' }
    const jti = typeof payload.jti === 'string' && payload.jti
      ? payload.jti
      : createHash('sha256').update(token).digest('hex').slice(0, 32)
    if (isRevoked(jti))
      return { ok: false, reason: 'token revoked' }
    return { ok: true, value: { user, jti, exp: Number(payload.exp) } }
  }

  return { issue, verify }
}
