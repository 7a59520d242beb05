// The route table (src/protocol/routes.ts) and the server's router describe the same endpoints.
import { describe, expect, test } from 'vitest'
import { serverRoutes } from '../../mock-server/http/routes'
import { pathOf, Routes, type RouteSpec } from '../../src/protocol'
import { useTestServer } from './support/server'

const server = useTestServer()

/** A route's path with every `:name` segment filled in. */
function samplePath(route: RouteSpec): string {
  return (pathOf as (route: RouteSpec, params: object) => string)(route, { id: '12345' })
}

describe('the route table and the server agree', () => {
  test('every route the server handles is in the route table, and every route in the table has a handler', () => {
    const handled = serverRoutes.map(route => route.name)
    expect(new Set(handled).size).toBe(handled.length)
    expect([...handled].sort()).toEqual(Object.keys(Routes).sort())
  })

  test.each(Object.entries(Routes))('%s answers on the server at its method and path, neither 404 nor 405', async (_name, route) => {
    const response = await fetch(`${server.current.url}${samplePath(route)}`, { method: route.method, signal: AbortSignal.timeout(5000) })
    // Without a token most answer 401, the stats 200, the login 400 and a socket path 426: all of them handled.
    expect([404, 405]).not.toContain(response.status)
    await response.body?.cancel()
  })

  test('a path the table does not know is answered 404', async () => {
    const response = await fetch(`${server.current.url}/api/notifications/1/unread`, { method: 'POST' })
    expect(response.status).toBe(404)
  })
})
