import { describe, expect, test } from 'vitest'
import {
  MAX_NOTIFICATIONS_PER_USER,
  MessageType,
  Paths,
  notificationPageSchema,
  type Notification,
  type NotificationPage,
} from '../../src/protocol'
import { useClients } from './support/clients'
import { notificationInput } from './support/factories'
import { fillInbox, stillStored } from './support/inbox'
import { api, login, useTestServer } from './support/server'
import type { TestSocket } from './support/socket'

const server = useTestServer()
const clients = useClients()

function open(token: string): Promise<TestSocket> {
  return clients.socketOn(server.current, token)
}

/** Creates a notification for the token's own user and returns it. */
async function create(token: string, overrides: Parameters<typeof notificationInput>[0] = {}): Promise<Notification> {
  const result = await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput(overrides) })
  expect(result.status).toBe(201)
  return result.body.data!
}

async function page(token: string, query = ''): Promise<NotificationPage> {
  const result = await api<NotificationPage>(server.current, 'GET', `${Paths.notifications}${query}`, { token })
  expect(result.status).toBe(200)
  return notificationPageSchema.parse(result.body.data)
}

async function unread(token: string): Promise<number> {
  return (await api<{ count: number }>(server.current, 'GET', Paths.unreadCount, { token })).body.data!.count
}

describe('pushing notifications', () => {
  test('a notification created by REST reaches every socket and SSE stream of that user and none of another user\'s', async () => {
    const admin = await login(server.current, 'admin')
    const [tabA, tabB] = [await open(admin), await open(admin)]
    const stream = clients.streamOn(server.current, admin)
    await stream.next(MessageType.Connected)
    const otherToken = await login(server.current, 'user1')
    const other = await open(otherToken)
    const otherStream = clients.streamOn(server.current, otherToken)
    await otherStream.next(MessageType.Connected)

    const created = await api<Notification>(server.current, 'POST', Paths.notifications, {
      token: admin,
      body: notificationInput({ user: 'admin', title: '分析完成', content: '000001 分析已完成', type: 'analysis', link: '/stocks/000001', source: 'analysis' }),
    })
    const expected = created.body.data!
    expect(expected).toMatchObject({ title: '分析完成', type: 'analysis', link: '/stocks/000001', source: 'analysis', status: 'unread' })
    expect((await tabA.next(MessageType.Notification)).data).toEqual(expected)
    expect((await tabB.next(MessageType.Notification)).data).toEqual(expected)
    expect((await stream.next(MessageType.Notification)).data).toEqual(expected)

    // The other user's next push is their own: the admin's never reached them.
    const theirs = await create(otherToken)
    expect((await other.next(MessageType.Notification)).data).toEqual(theirs)
    expect((await otherStream.next(MessageType.Notification)).data).toEqual(theirs)
  })

  test('stores a notification before pushing it, so a client that hears of it finds it by REST', async () => {
    const token = await login(server.current, 'user2')
    const socket = await open(token)
    void create(token, { title: '先存后推' })
    const pushed = await socket.next(MessageType.Notification)
    const found = await api<Notification>(server.current, 'GET', Paths.notification(pushed.data.id), { token })
    expect(found.body.data).toEqual(pushed.data)
  })

  test('an admin\'s broadcast to * reaches every user', async () => {
    const admin = await login(server.current, 'admin')
    const user2 = await open(await login(server.current, 'user2'))
    const result = await api<{ count: number, items: Notification[] }>(server.current, 'POST', Paths.notifications, {
      token: admin,
      body: notificationInput({ user: '*', title: '系统维护通知' }),
    })
    expect(result.status).toBe(201)
    expect(result.body.data!.count).toBe(3)
    expect((await user2.next(MessageType.Notification)).data.title).toBe('系统维护通知')
  })

  test('only admins may notify other users, and an unknown recipient is 404', async () => {
    const user1 = await login(server.current, 'user1')
    const admin = await login(server.current, 'admin')
    expect((await api(server.current, 'POST', Paths.notifications, { token: user1, body: notificationInput({ user: 'user2' }) })).status).toBe(403)
    expect((await api(server.current, 'POST', Paths.notifications, { token: user1, body: notificationInput({ user: '*' }) })).status).toBe(403)
    expect((await api(server.current, 'POST', Paths.notifications, { token: admin, body: notificationInput({ user: 'nobody' }) })).status).toBe(404)
  })
})

describe('the inbox', () => {
  test('lists newest first in pages with the total', async () => {
    const token = await login(server.current, 'user1')
    const before = (await page(token)).total
    const created = [await create(token), await create(token), await create(token)]
    const first = await page(token, '?page=1&page_size=2')
    expect(first.total).toBe(before + 3)
    expect(first.page_size).toBe(2)
    expect(first.items.map(item => item.id)).toEqual([created[2].id, created[1].id])
    const second = await page(token, '?page=2&page_size=2')
    expect(second.items[0].id).toBe(created[0].id)
  })

  test('filters by status and type, and treats an unknown status as no filter', async () => {
    const token = await login(server.current, 'user2')
    const alert = await create(token, { type: 'alert' })
    await create(token, { type: 'system' })
    await api(server.current, 'POST', Paths.notificationRead(alert.id), { token })

    const alerts = await page(token, '?type=alert&page_size=100')
    expect(alerts.items.every(item => item.type === 'alert')).toBe(true)
    expect(alerts.items.map(item => item.id)).toContain(alert.id)
    const unreadOnly = await page(token, '?status=unread&page_size=100')
    expect(unreadOnly.items.every(item => item.status === 'unread')).toBe(true)
    const read = await page(token, '?status=read&page_size=100')
    expect(read.items.map(item => item.id)).toContain(alert.id)
    expect((await page(token, '?status=whatever')).total).toBe((await page(token)).total)
  })

  test('rejects a page_size over 100 or a page that is not a number with 422', async () => {
    const token = await login(server.current, 'user1')
    const tooBig = await api(server.current, 'GET', `${Paths.notifications}?page_size=101`, { token })
    expect(tooBig.status).toBe(422)
    expect(tooBig.body.message).toContain('page_size')
    expect((await api(server.current, 'GET', `${Paths.notifications}?page=abc`, { token })).status).toBe(422)
  })

  test('marking one read lowers the unread count and tells every socket of that user', async () => {
    const token = await login(server.current, 'admin')
    const notification = await create(token)
    const [tabA, tabB] = [await open(token), await open(token)]
    const before = await unread(token)

    const result = await api<Notification>(server.current, 'POST', Paths.notificationRead(notification.id), { token })
    expect(result.status).toBe(200)
    expect(result.body.data?.status).toBe('read')
    expect(await unread(token)).toBe(before - 1)
    expect((await tabA.next(MessageType.NotificationRead)).data).toEqual({ ids: [notification.id] })
    expect((await tabB.next(MessageType.NotificationRead)).data).toEqual({ ids: [notification.id] })
  })

  test('marking all read returns how many changed, zeroes the count and tells every socket', async () => {
    const token = await login(server.current, 'user1')
    await create(token)
    await create(token)
    const expected = await unread(token)
    const socket = await open(token)

    const result = await api<{ updated: number }>(server.current, 'POST', Paths.readAll, { token })
    expect(result.body.data).toEqual({ updated: expected })
    expect(await unread(token)).toBe(0)
    expect((await socket.next(MessageType.NotificationRead)).data).toEqual({ all: true })
  })

  test('deletes a notification, and deleting it again is 404', async () => {
    const token = await login(server.current, 'user2')
    const notification = await create(token)
    expect((await api(server.current, 'DELETE', Paths.notification(notification.id), { token })).status).toBe(200)
    expect((await page(token, '?page_size=100')).items.map(item => item.id)).not.toContain(notification.id)
    expect((await api(server.current, 'DELETE', Paths.notification(notification.id), { token })).status).toBe(404)
  })

  test('answers 404 for an unknown id and for another user\'s notification, which stays unread', async () => {
    const owner = await login(server.current, 'user1')
    const intruder = await login(server.current, 'user2')
    const notification = await create(owner)
    for (const path of [Paths.notificationRead('999999999'), Paths.notificationRead('abc'), Paths.notificationRead(notification.id)])
      expect((await api(server.current, 'POST', path, { token: intruder })).status, path).toBe(404)
    expect((await api(server.current, 'DELETE', Paths.notification(notification.id), { token: intruder })).status).toBe(404)
    expect((await api<Notification>(server.current, 'GET', Paths.notification(notification.id), { token: owner })).body.data?.status).toBe('unread')
  })

  test('keeps only the newest 1000 notifications per user', async () => {
    const token = await login(server.current, 'user2')
    const overflow = 5
    const ids = await fillInbox(server.current, token, MAX_NOTIFICATIONS_PER_USER + overflow)
    const first = await page(token, '?page_size=1')
    expect(first.total).toBe(MAX_NOTIFICATIONS_PER_USER)
    expect(first.items[0].id).toBe(ids.at(-1))
    expect(await stillStored(server.current, token, ids[overflow - 1]!)).toBe(false)
    expect(await stillStored(server.current, token, ids[overflow]!)).toBe(true)
  })

  test('a notification deleted at the limit makes room: the next one drops none of the others', async () => {
    const token = await login(server.current, 'admin')
    const ids = await fillInbox(server.current, token, MAX_NOTIFICATIONS_PER_USER)
    expect((await api(server.current, 'DELETE', Paths.notification(ids[500]!), { token })).status).toBe(200)
    await create(token)
    expect((await page(token, '?page_size=1')).total).toBe(MAX_NOTIFICATIONS_PER_USER)
    expect(await stillStored(server.current, token, ids[0]!)).toBe(true)
  })
})

describe('bad requests', () => {
  test('answers broken JSON with 400', async () => {
    const token = await login(server.current, 'admin')
    const result = await api(server.current, 'POST', Paths.notifications, { token, rawBody: '{"title": "x",' })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ success: false, data: null })
  })

  test('answers wrong field types with 422 naming the field', async () => {
    const token = await login(server.current, 'admin')
    const result = await api(server.current, 'POST', Paths.notifications, { token, body: { ...notificationInput(), title: 5, type: 'spam' } })
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(/title/)
    expect(result.body.message).toMatch(/type/)
  })

  test('refuses a link that is neither an in-app path nor an http(s) URL with 422', async () => {
    const token = await login(server.current, 'admin')
    for (const link of ['javascript:alert(1)', '//evil.example/x', '/\\evil.example/x', 'data:text/html,hi']) {
      const result = await api(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ link }) })
      expect(result.status, link).toBe(422)
      expect(result.body.message).toContain('link')
    }
    for (const link of ['/stocks/000001', 'https://example.com/report'])
      expect((await api(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ link }) })).status, link).toBe(201)
  })

  test('answers a body over 64 KiB with 413', async () => {
    const token = await login(server.current, 'admin')
    const result = await api(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ content: 'x'.repeat(70 * 1024) }) })
    expect(result.status).toBe(413)
  })

  test('answers a missing token with 401', async () => {
    const result = await api(server.current, 'POST', Paths.notifications, { body: notificationInput() })
    expect(result.status).toBe(401)
    expect(result.body.success).toBe(false)
  })

  test('answers an unknown endpoint with 404 and a wrong method with 405, both in the envelope', async () => {
    const token = await login(server.current, 'admin')
    expect((await api(server.current, 'GET', '/api/nothing-here', { token })).status).toBe(404)
    const wrongMethod = await api(server.current, 'DELETE', Paths.stats, { token })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET')
  })
})
