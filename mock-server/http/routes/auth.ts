// POST /api/auth/login, /refresh, /logout and GET /api/auth/me.
import { CloseCode, Paths, loginRequestSchema, type LoginResponse, type User } from '../../../src/protocol'
import type { LoginVerdict } from '../../auth/login-throttle'
import { checkPassword } from '../../auth/users'
import type { ServerContext } from '../../context'
import { clientAddress } from '../../remote'
import { readJsonBody, validate } from '../body'
import { HttpError } from '../envelope'
import type { Route } from '../router'

async function loginResponse(ctx: ServerContext, user: User): Promise<LoginResponse> {
  const ttl = ctx.options.tokenTtlSec
  const { token } = await ctx.tokens.issue(user.username, ttl)
  return { access_token: token, token_type: 'bearer', expires_in: ttl, user }
}

function tooManyFailures({ retryAfterSec, limitedBy }: Extract<LoginVerdict, { admitted: false }>): HttpError {
  const whose = limitedBy === 'user' ? 'for this user name' : 'from this address'
  return new HttpError(429, `too many failed sign-ins ${whose}: try again in ${retryAfterSec} seconds`, { 'Retry-After': String(retryAfterSec) })
}

export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: Paths.login,
    async handler({ ctx, req }) {
      const { username, password } = validate(loginRequestSchema, await readJsonBody(req))
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
      return { data: await loginResponse(ctx, user), message: 'logged in' }
    },
  },
  {
    method: 'POST',
    path: Paths.refresh,
    async handler({ ctx, authenticate }) {
      // The old token stays valid until it expires, so sockets opened with it are not cut off.
      const session = await authenticate()
      return { data: await loginResponse(ctx, session.user), message: 'token refreshed' }
    },
  },
  {
    method: 'POST',
    path: Paths.logout,
    async handler({ ctx, authenticate }) {
      const session = await authenticate()
      ctx.revocations.revoke(session.jti, session.exp)
      const closed = ctx.hub.closeToken(session.jti, CloseCode.Unauthorized, 'logged out')
      return { data: { closed_connections: closed }, message: 'logged out' }
    },
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    async handler({ authenticate }) {
      const session = await authenticate()
      return { data: session.user }
    },
  },
]
