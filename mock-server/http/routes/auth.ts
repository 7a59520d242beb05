// POST /api/auth/login, /refresh, /logout, /logout_all and GET /api/auth/me. A login opens a session
// (storage/sessions.ts); refresh issues another token of the same session, never past its end; logout
// revokes the session and logout_all every session of the user, closing their connections with 4401.
import { CloseCause, CloseCode, type LoginResponse, type User } from '../../../src/protocol'
import type { LoginVerdict } from '../../auth/login-throttle'
import { checkPassword } from '../../auth/users'
import type { ServerContext } from '../../context'
import { clientAddress } from '../../remote'
import type { Session } from '../../storage/sessions'
import { HttpError } from '../envelope'
import { route, type ServerRoute } from '../router'

async function loginResponse(ctx: ServerContext, user: User, session: Session): Promise<LoginResponse> {
  const { token, exp } = await ctx.tokens.issue(user.username, session, ctx.options.tokenTtlSec)
  const expiresIn = Math.max(0, exp - Math.floor(Date.now() / 1000))
  return { access_token: token, token_type: 'bearer', expires_in: expiresIn, user }
}

function tooManyFailures({ retryAfterSec, limitedBy }: Extract<LoginVerdict, { admitted: false }>): HttpError {
  const whose = limitedBy === 'user' ? 'for this user name' : 'from this address'
  return new HttpError(429, `too many failed sign-ins ${whose}: try again in ${retryAfterSec} seconds`, { 'Retry-After': String(retryAfterSec) })
}

function sessionEnded(): HttpError {
  return new HttpError(401, 'unauthorized: the session has ended, sign in again', { 'WWW-Authenticate': 'Bearer' })
}

/** With the application's own `authenticate` hook, signing in and out is the application's: 404 here. */
function refuseWhenAppSignsIn(ctx: ServerContext): void {
  if (ctx.options.authenticate !== null)
    throw new HttpError(404, 'sign-in is handled by the application (authenticate option), not by Tidings')
}

export const authRoutes: ServerRoute[] = [
  route('login', async ({ ctx, req, body }) => {
    refuseWhenAppSignsIn(ctx)
    const { username, password } = await body()
    const verdict = ctx.loginThrottle.begin(username, clientAddress(req, ctx.options.trustProxy))
    if (!verdict.admitted)
      throw tooManyFailures(verdict)
    const user = await checkPassword(username, password).catch((error: unknown) => {
      verdict.attempt.failed()
      throw error
    })
    if (!user) {
      verdict.attempt.failed()
      throw new HttpError(401, 'invalid username or password')
    }
    verdict.attempt.succeeded()
    const session = await ctx.sessions.open(user.id, ctx.options.sessionTtlSec)
    return { data: await loginResponse(ctx, user, session), message: 'logged in' }
  }),
  route('refresh', async ({ ctx, authenticate }) => {
    refuseWhenAppSignsIn(ctx)
    // An expired token of a live session is what the app refreshes with (it asks after a 401); the
    // session's own end and revocation are what stop it. The old token stays valid until it expires,
    // so sockets opened with it are not cut off.
    const caller = await authenticate({ expiredFor: ctx.options.sessionTtlSec })
    const session = await ctx.sessions.find(caller.sid)
    if (!session || session.revoked || session.userId !== caller.user.id || session.expiresAtSec <= Math.floor(Date.now() / 1000))
      throw sessionEnded()
    return { data: await loginResponse(ctx, caller.user, session), message: 'token refreshed' }
  }),
  route('logout', async ({ ctx, authenticate }) => {
    refuseWhenAppSignsIn(ctx)
    const caller = await authenticate()
    await ctx.sessions.revoke(caller.sid, caller.user.id, caller.exp)
    const closed = ctx.hub.closeSessions([caller.sid], CloseCode.Unauthorized, CloseCause.LoggedOut)
    return { data: { closed_connections: closed }, message: 'logged out' }
  }),
  route('logoutAll', async ({ ctx, authenticate }) => {
    refuseWhenAppSignsIn(ctx)
    const caller = await authenticate()
    const sids = new Set(await ctx.sessions.revokeAllOf(caller.user.id))
    // The caller's own, even if this database never saw it (a restarted :memory: one).
    await ctx.sessions.revoke(caller.sid, caller.user.id, caller.exp)
    sids.add(caller.sid)
    const closed = ctx.hub.closeSessions([...sids], CloseCode.Unauthorized, CloseCause.SignedOutEverywhere)
    return { data: { revoked_sessions: sids.size, closed_connections: closed }, message: 'signed out everywhere' }
  }),
  route('me', async ({ authenticate }) => {
    const session = await authenticate()
    return { data: session.user }
  }),
]
