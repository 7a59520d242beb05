// Tokens checked by the host application (`authenticate` option): an app with its own login hands
// Tidings each bearer token and gets its user back, so Tidings keeps no users, sessions or keys of its
// own. Everything else a token goes through stays the same: a refusal is answered exactly like a bad
// token (4401 on a socket, 401 on REST and SSE), and a user past `expiresAtSec` is closed with 4401.
import type { User } from '../../src/protocol'
import type { TokenCheck, TokenService } from './jwt'

/** Who a token belongs to, as the host application's `authenticate` hook says. */
export interface TidingsUser {
  /** The user's stable id: notifications and tasks are stored and pushed under it (at most 64 characters). */
  id: string
  /** Shown as the user's name. @default id */
  name?: string
  /** 'admin' may notify other users, list everyone's tasks and read private stats. @default 'user' */
  role?: 'admin' | 'user'
  /** When the token stops being valid (seconds since the epoch): its sockets close with 4401 then. @default never */
  expiresAtSec?: number
}

/**
 * The host application's token check: the token's user, or null when it refuses the token. A thrown
 * error (its own store unreachable) is an outage, not a refusal: REST answers 500, a socket is dropped
 * and reconnects later, and the user is not signed out.
 */
export type AuthenticateHook = (token: string) => TidingsUser | null | Promise<TidingsUser | null>

/** Prefix of the session id of a hook-authenticated connection (Tidings signs nobody out of the app). */
const APP_SESSION_PREFIX = 'app:'
const MAX_USER_ID_LENGTH = 64

function protocolUser(user: TidingsUser): User {
  if (typeof user.id !== 'string' || user.id === '' || user.id.length > MAX_USER_ID_LENGTH)
    throw new Error(`authenticate returned a user without a valid id (1 to ${MAX_USER_ID_LENGTH} characters): ${JSON.stringify(user.id)}`)
  return { id: user.id, username: user.name ?? user.id, role: user.role === 'admin' ? 'admin' : 'user' }
}

/** The token service of an app that signs its users in itself: `verify` asks the hook, `issue` is refused. */
export function createHookTokenService(authenticate: AuthenticateHook): TokenService {
  async function verify(token: string | null | undefined): Promise<TokenCheck> {
    if (!token)
      return { ok: false, reason: 'missing token' }
    const user = await authenticate(token)
    if (!user)
      return { ok: false, reason: 'refused by authenticate' }
    if (user.expiresAtSec !== undefined && user.expiresAtSec <= Date.now() / 1000)
      return { ok: false, reason: 'token expired' }
    const verified = protocolUser(user)
    return { ok: true, value: { user: verified, sid: `${APP_SESSION_PREFIX}${verified.id}`, exp: user.expiresAtSec ?? Infinity } }
  }

  return {
    issue: () => Promise.reject(new Error('tokens are issued by the application (authenticate option), not by Tidings')),
    verify,
  }
}
