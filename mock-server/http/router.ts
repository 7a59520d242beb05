// A small method + path router for the REST API. Handlers return `{status?, data, message?}` (sent in
// the envelope) or nothing when they wrote the response themselves (the SSE stream); thrown HttpErrors
// become error envelopes, anything else a logged 500.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { VerifiedToken } from '../auth/jwt'
import type { ServerContext } from '../context'
import { remoteOf } from '../remote'
import { BodyAbortedError } from './body'
import { HttpError, sendEnvelope } from './envelope'

export interface RequestContext {
  ctx: ServerContext
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  /** The caller's verified bearer token; throws 401 when missing or bad. */
  authenticate: () => Promise<VerifiedToken>
}

export interface Reply {
  /** @default 200 */
  status?: number
  data: unknown
  /** @default 'ok' */
  message?: string
}

export type RouteHandler = (request: RequestContext) => Promise<Reply | void> | Reply | void

export interface Route {
  method: 'GET' | 'POST' | 'DELETE'
  /** Path with `:name` segments. */
  path: string
  handler: RouteHandler
}

interface CompiledRoute extends Route {
  pattern: RegExp
  names: string[]
}

function compile(route: Route): CompiledRoute {
  const names: string[] = []
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':'))
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(segment.slice(1))
      return '([^/]+)'
    })
    .join('/')
  return { ...route, pattern: new RegExp(`^${source}$`), names }
}

/** The bearer token of a request, from `Authorization: Bearer <jwt>`. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1] : null
}

/** Verifies the token; a connection whose request is authenticated no longer counts as pending. */
export async function authenticate(ctx: ServerContext, token: string | null, req: IncomingMessage): Promise<VerifiedToken> {
  const check = await ctx.tokens.verify(token)
  if (!check.ok)
    throw new HttpError(401, token ? `unauthorized: ${check.reason}` : 'unauthorized: missing bearer token', { 'WWW-Authenticate': 'Bearer' })
  ctx.pending.settle(req.socket)
  return check.value
}

export interface Router {
  /** Answers an /api request: the matching route, else 405 or 404 in the envelope. */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
}

export function createRouter(ctx: ServerContext, routes: Route[]): Router {
  const compiled = routes.map(compile)

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const allowed: string[] = []
      for (const route of compiled) {
        const match = route.pattern.exec(url.pathname)
        if (!match)
          continue
        if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) {
          if (!allowed.includes(route.method))
            allowed.push(route.method)
          continue
        }
        const params: Record<string, string> = {}
        route.names.forEach((name, index) => {
          try {
            params[name] = decodeURIComponent(match[index + 1])
          }
          catch {
            throw new HttpError(400, `malformed path segment: ${name}`)
          }
        })
        const reply = await route.handler({
          ctx,
          req,
          res,
          url,
          params,
          authenticate: () => authenticate(ctx, bearerToken(req), req),
        })
        if (reply)
          sendEnvelope(res, reply.status ?? 200, reply.data, reply.message ?? 'ok')
        return
      }
      if (allowed.length)
        throw new HttpError(405, `method ${req.method} is not allowed here`, { Allow: allowed.join(', ') })
      throw new HttpError(404, `no such endpoint: ${req.method} ${url.pathname}`)
    }
    catch (error) {
      if (error instanceof BodyAbortedError) {
        ctx.log('info', `http ${req.method} ${url.pathname} remote=${remoteOf(req)}: the client went away before sending the whole body`)
        return
      }
      if (error instanceof HttpError) {
        sendEnvelope(res, error.status, null, error.message, error.headers)
        return
      }
      ctx.log('error', `http ${req.method} ${url.pathname} failed: ${(error as Error).stack ?? error}`)
      sendEnvelope(res, 500, null, 'internal server error')
    }
  }

  return { handle }
}
