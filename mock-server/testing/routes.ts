// msw handlers keyed by the protocol's route table: the method and path pattern come from
// src/protocol/routes.ts (the same `:name` syntax msw uses), under any origin.
import { http, type HttpResponseResolver, type RequestHandlerOptions } from 'msw'
import type { RouteSpec } from '../../src/protocol'

/** The msw path of a route: its pattern under any origin. */
export function mswPath(route: RouteSpec): string {
  return `*${route.path}`
}

const byMethod = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const

/** An msw handler for a route of the table, with the route's method and path. */
export function on(route: RouteSpec, resolver: HttpResponseResolver, options?: RequestHandlerOptions) {
  return byMethod[route.method](mswPath(route), resolver, options)
}
