// The route table (src/protocol/routes.ts) and the server's router describe the same endpoints.
import { describe, expect, test } from 'vitest'
import { serverRoutes } from '../../mock-server/http/routes'
import { pathOf, RouteSchemas, Routes, runCheck, type RouteName, type RouteSpec } from '../../src/protocol'
import { notificationInput, taskInput } from './support/factories'
import { api, login, useTestServer } from './support/server'

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

  test('the table of response schemas names the same routes as the route table, with a schema for every REST route', () => {
    expect(Object.keys(RouteSchemas).sort()).toEqual(Object.keys(Routes).sort())
    for (const [name, route] of Object.entries(Routes))
      expect(RouteSchemas[name as RouteName] === null, name).toBe(route.kind !== 'rest')
  })

  test('a path the table does not know is answered 404', async () => {
    const response = await fetch(`${server.current.url}/api/notifications/1/forward`, { method: 'POST' })
    expect(response.status).toBe(404)
  })
})

describe('the server answers what the route table says', () => {
  /** Calls a route as the app would and returns its `data` after checking it against the route's response schema. */
  async function call(name: RouteName, options: { token?: string, params?: object, body?: unknown, bare?: boolean } = {}) {
    const route: RouteSpec = Routes[name]
    const path = (pathOf as (route: RouteSpec, params?: object) => string)(route, options.params)
    const result = await api(server.current, route.method, path, { token: options.token, body: options.body })
    expect(result.status, `${name}: ${result.body.message}`).toBeLessThan(300)
    const data = options.bare ? result.body : result.body.data
    const parsed = RouteSchemas[name]!.safeParse(data)
    expect(parsed.success, `${name} answered ${JSON.stringify(data)}`).toBe(true)
    // The app reads the reply through the table's hand check: it takes the reply and outputs what zod does.
    expect(runCheck(route.check!, data)).toEqual({ ok: true, value: parsed.data })
    return data as Record<string, unknown>
  }

  test('every REST reply parses with its route\'s response schema', async () => {
    const signedIn = await call('login', { body: { username: 'admin', password: 'admin123' } })
    const token = signedIn.access_token as string
    await call('refresh', { token })
    await call('me', { token })
    const created = await call('createNotification', { token, body: notificationInput() })
    await call('createNotification', { token, body: notificationInput({ user: '*' }) })
    await call('listNotifications', { token })
    await call('unreadCount', { token })
    await call('getNotification', { token, params: { id: created.id } })
    await call('markRead', { token, params: { id: created.id } })
    await call('readAll', { token })
    await call('markUnread', { token, params: { id: created.id } })
    await call('snooze', { token, params: { id: created.id }, body: { until: new Date(Date.now() + 60_000).toISOString() } })
    await call('unsnooze', { token, params: { id: created.id } })
    await call('archive', { token, params: { id: created.id } })
    await call('unarchive', { token, params: { id: created.id } })
    await call('bulk', { token, body: { ids: [created.id], action: 'read' } })
    await call('getPreferences', { token })
    await call('updatePreferences', { token, body: { quiet_hours: { enabled: true, time_zone: 'Europe/Paris' } } })
    await call('deleteNotification', { token, params: { id: created.id } })
    const task = await call('startTask', { token, body: taskInput({ step_ms: 5000 }) })
    await call('listTasks', { token })
    await call('getTask', { token, params: { id: task.task_id } })
    await call('stats', { bare: true })
    await call('logout', { token: await login(server.current, 'user1') })
    await call('logoutAll', { token })
  })
})
