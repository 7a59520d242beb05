// The REST client reads every reply through its route's hand check (src/protocol/checks): what the
// app gets is what the route's schema would output, and a reply it cannot use is refused with words.
// A bare node:http server stands in for a server that answers off-contract (ours never does).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ApiError, callRoute, setApiBaseUrl } from '../../src/api/http'
import { Routes } from '../../src/protocol'

let server: Server
let nextData: unknown = null

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ success: true, data: nextData, message: 'ok', timestamp: new Date().toISOString() }))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  setApiBaseUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
afterAll(async () => {
  setApiBaseUrl('')
  await new Promise(resolve => server.close(resolve))
})

const v1Notification = {
  id: '7', title: '分析完成', content: '000001 分析已完成', type: 'analysis', link: null,
  created_at: '2025-10-23T12:00:00Z', status: 'unread', priority: 'high',
}

test('a notification from a v1 server reaches the app with the v1.1 defaults and without unknown fields', async () => {
  nextData = v1Notification
  const notification = await callRoute(Routes.getNotification, { params: { id: '7' } })
  expect(notification).toStrictEqual({
    id: '7', title: '分析完成', content: '000001 分析已完成', type: 'analysis', link: null,
    created_at: '2025-10-23T12:00:00Z', status: 'unread', archived: false, snoozed_until: null,
  })
})

test('a reply whose data breaks the route\'s contract is refused with an ApiError saying where', async () => {
  nextData = { items: [{ ...v1Notification, id: 7 }], total: 1, page: 1, page_size: 20 }
  const failure = await callRoute(Routes.listNotifications).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(ApiError)
  expect(failure).toMatchObject({
    status: 200,
    message: 'unexpected response from the server: items.0.id: Invalid input: expected string, received number',
  })
})

test('an unread count sent as text is refused', async () => {
  nextData = { count: '3' }
  await expect(callRoute(Routes.unreadCount)).rejects.toThrow('count: Invalid input: expected number, received string')
})
