// The server's own REST handlers (mock-server/http/routes/*) behind msw: the request is adapted to the
// handler's context (path params, query, the caller from the msw token, the body checked by the route's
// request schema) and its reply or HttpError becomes the server's envelope. The context holds only what
// these handlers read (`ServerContextPart`), built over the msw data set.
import { HttpResponse } from 'msw'
import type { ServerOptions } from '../config'
import type { ServerContext } from '../context'
import type { TaskSimulator } from '../tasks/simulator'
import { validate } from '../http/body'
import { envelope, HttpError } from '../http/envelope'
import type { RequestContext, ServerRoute } from '../http/router'
import { RequestBodies, Routes, type RouteName } from '../../src/protocol'
import { userOfToken } from './db'
import { on } from './routes'

/** The parts of the server's context the handlers served here use. */
export interface ServerContextPart extends Pick<ServerContext, 'notifications' | 'notifier' | 'triage' | 'users'> {
  tasks: Pick<TaskSimulator, 'start' | 'get' | 'list' | 'unfinishedOf'>
  options: Pick<ServerOptions, 'maxRunningTasksPerUser'>
}

/** The bearer token of a request, read as the server's router reads it. */
export function bearer(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')
  return match ? match[1]! : null
}

async function readBody(name: RouteName, request: Request): Promise<unknown> {
  const schema = (RequestBodies as Partial<Record<RouteName, Parameters<typeof validate>[0]>>)[name]
  if (!schema)
    throw new Error(`route ${name} takes no request body`)
  const body: unknown = await request.json().catch(() => {
    throw new HttpError(400, 'request body is not valid JSON')
  })
  return validate(schema, body)
}

/** An msw handler answering a route with the server's handler for it, over `context()`. */
export function serveWithServerHandler(serverRoute: ServerRoute, context: () => ServerContextPart) {
  const name = serverRoute.name
  return on(Routes[name], async ({ request, params }) => {
    const token = bearer(request)
    const requestContext: RequestContext = {
      // Only the parts in ServerContextPart are read by the handlers served this way.
      ctx: context() as unknown as ServerContext,
      // The handlers served here answer through their reply, never through the raw request or response.
      req: undefined as never,
      res: undefined as never,
      url: new URL(request.url),
      params: params as Record<string, string>,
      authenticate: async () => {
        const user = userOfToken(token)
        if (!user)
          throw new HttpError(401, token ? 'unauthorized: invalid token' : 'unauthorized: missing bearer token', { 'WWW-Authenticate': 'Bearer' })
        return { user, sid: token!, exp: Math.floor(Date.now() / 1000) + 3600 }
      },
      body: () => readBody(name, request) as never,
    }
    try {
      const reply = await serverRoute.handler(requestContext)
      if (!reply)
        throw new Error(`the server's ${name} handler wrote its own response, which msw cannot serve`)
      return HttpResponse.json(envelope(true, reply.data, reply.message ?? 'ok'), { status: reply.status ?? 200 })
    }
    catch (error) {
      if (!(error instanceof HttpError))
        throw error
      return HttpResponse.json(envelope(false, null, error.message), { status: error.status, headers: error.headers })
    }
  })
}
