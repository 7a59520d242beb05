// Every REST reply msw sends is held to the route table (src/protocol/routes.ts): a success must be
// the envelope around data that parses with the route's zod response schema (`RouteSchemas`, by route
// name; the app reads it with the route's hand check, proven equal). The stats route answers its
// data bare. A reply that does not fit is a contract break, collected here and thrown by
// `useMswServer` after the test, so a handler or override that drifts from the server fails loudly
// instead of teaching the app a shape the server never sends.
import * as z from 'zod/mini'
import { compilePath, RouteSchemas, Routes, type RouteName, type RouteSpec } from '../../src/protocol'

/** The routes whose success data is sent bare, without the envelope (as the document shows stats). */
const BARE_ROUTES: ReadonlySet<RouteSpec> = new Set([Routes.stats])

const envelopeSchema = z.object({ success: z.literal(true), data: z.unknown(), message: z.string(), timestamp: z.string() })

// Literal paths first, as the server's router tries them: /api/notifications/stream is the stream,
// not a notification whose id is "stream".
const routes = (Object.entries(Routes) as Array<[RouteName, RouteSpec]>)
  .map(([name, route]) => ({ route, schema: RouteSchemas[name], ...compilePath(route.path) }))
  .sort((a, b) => a.names.length - b.names.length)

/** The REST route a request is for, with its response schema, or null (sockets, streams, anything outside the table). */
export function routeOf(request: Request): (typeof routes)[number] | null {
  const { pathname } = new URL(request.url)
  const match = routes.find(({ route, pattern }) => route.method === request.method && pattern.test(pathname))
  return match?.route.kind === 'rest' ? match : null
}

/** Why a reply breaks its route's contract, or null when it keeps it (errors are not checked). */
export async function contractBreak(request: Request, response: Response): Promise<string | null> {
  const match = routeOf(request)
  if (!match?.schema || !response.ok)
    return null
  const { route, schema } = match
  let body: unknown
  try {
    body = JSON.parse(await response.clone().text())
  }
  catch {
    return `${request.method} ${route.path}: a ${response.status} reply that is not JSON`
  }
  let data = body
  if (!BARE_ROUTES.has(route)) {
    const envelope = envelopeSchema.safeParse(body)
    if (!envelope.success)
      return `${request.method} ${route.path}: a ${response.status} reply outside the success envelope: ${JSON.stringify(body)}`
    data = envelope.data.data
  }
  const parsed = schema.safeParse(data)
  return parsed.success
    ? null
    : `${request.method} ${route.path}: data does not parse with the route's response schema (${parsed.error.issues.map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}): ${JSON.stringify(data)}`
}

const breaks: string[] = []
const checks = new Set<Promise<void>>()

/** Checks a reply msw sent (in the background: the app already has it); a break is kept for `takeContractBreaks`. */
export function checkReply(request: Request, response: Response): void {
  const check = contractBreak(request, response).then((problem) => {
    if (problem)
      breaks.push(problem)
  }).finally(() => checks.delete(check))
  checks.add(check)
}

/** The contract breaks seen since the last call, once every pending check has finished. */
export async function takeContractBreaks(): Promise<string[]> {
  await Promise.all(checks)
  return breaks.splice(0)
}
