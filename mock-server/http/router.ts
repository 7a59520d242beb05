// A small method + path router for the REST API. Each handler is bound to a route of the protocol's
// table (src/protocol/routes.ts), which gives its method, path and the types of its body and reply.
// Handlers return `{status?, data, message?}` (sent in the envelope) or nothing when they wrote the
// response themselves (the SSE stream, the bare stats); thrown HttpErrors become error envelopes,
// anything else a logged 500.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { compilePath, RequestBodies, Routes, type BodyOf, type DataOf, type RouteName } from '../../src/protocol'
import type { VerifiedToken } from '../auth/jwt'
import type { ServerContext } from '../context'
import { remoteOf } from '../remote'
import { BodyAbortedError, readJsonBody, validate } from './body'
import { HttpError, sendEnvelope } from './envelope'

export interface RequestContext<Name extends RouteName = RouteName> {
  ctx: ServerContext
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  /** The caller's verified bearer token; throws 401 when missing or bad (or expired, unless `expiredFor` allows it). */
  authenticate: (options?: { expiredFor?: number }) => Promise<VerifiedToken>
  /** Reads the JSON body and checks it against the route's request schema (400/413/422 when it fails). */
  body: () => Promise<BodyOf<Name>>
}

export interface Reply<Data = unknown> {
  /** @default 200 */
  status?: number
  data: Data
  /** @default 'ok' */
  message?: string
}

export type RouteHandler<Name extends RouteName = RouteName> =
  (request: RequestContext<Name>) => Promise<Reply<DataOf<(typeof Routes)[Name]>> | void> | Reply<DataOf<(typeof Routes)[Name]>> | void

/** A handler bound to a route of the table. */
export interface ServerRoute {
  name: RouteName
  handler: RouteHandler
}

/** Binds a handler to a route of the protocol's table: the reply must be that route's response data. */
export function route<Name extends RouteName>(name: Name, handler: RouteHandler<Name>): ServerRoute {
  // The router builds each request's context for this route's name, so the narrower handler fits.
  return { name, handler: handler as unknown as RouteHandler }
}

function readBody<Name extends RouteName>(name: Name, req: IncomingMessage): () => Promise<BodyOf<Name>> {
  return async () => {
    const schema = (RequestBodies as Partial<Record<RouteName, Parameters<typeof validate>[0]>>)[name]
    if (!schema)
      throw new Error(`route ${name} takes no request body`)
    return validate(schema, await readJsonBody(req)) as BodyOf<Name>
  }
}

interface CompiledRoute extends ServerRoute {
  method: string
  pattern: RegExp
  names: string[]
}

function compile(serverRoute: ServerRoute): CompiledRoute {
  const { method, path } = Routes[serverRoute.name]
  return { ...serverRoute, method, ...compilePath(path) }
}

/** The bearer token of a request, from `Authorization: Bearer <jwt>`. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1] : null
}

/** Verifies the token; a connection whose request is authenticated no longer counts as pending. */
export async function authenticate(ctx: ServerContext, token: string | null, req: IncomingMessage, options: { expiredFor?: number } = {}): Promise<VerifiedToken> {
  const check = await ctx.tokens.verify(token, options)
  if (!check.ok)
    throw new HttpError(401, token ? `unauthorized: ${check.reason}` : 'unauthorized: missing bearer token', { 'WWW-Authenticate': 'Bearer' })
  ctx.pending.settle(req.socket)
  return check.value
}

export interface Router {
  /** Answers an /api request: the matching route, else 405 or 404 in the envelope. */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
  /** Whether a path is one of the routes' (whatever the method): what an application mounting Tidings leaves to it. */
  owns: (pathname: string) => boolean
}

export function createRouter(ctx: ServerContext, routes: readonly ServerRoute[]): Router {
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
          authenticate: options => authenticate(ctx, bearerToken(req), req, options),
          body: readBody(route.name, req),
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

  return { handle, owns: pathname => compiled.some(route => route.pattern.test(pathname)) }
}
