// GET /api/notifications?after_id=N (v1.3): a reconnecting client sends the newest id it holds and gets
// only what it missed, so a server restart costs each client the missed items, not a whole first page.
import { describe, expect, test } from 'vitest'
import { Paths, notificationPageSchema, type Notification, type NotificationPage } from '../../src/protocol'
import { notificationInput } from './support/factories'
import { api, login, useTestServer } from './support/server'

const server = useTestServer()

async function create(token: string, title: string): Promise<Notification> {
  const result = await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ title }) })
  expect(result.status).toBe(201)
  return result.body.data!
}

async function missedSince(token: string, afterId: string, extra = ''): Promise<NotificationPage> {
  const result = await api<NotificationPage>(server.current, 'GET', `${Paths.notifications}?after_id=${afterId}${extra}`, { token })
  expect(result.status).toBe(200)
  return notificationPageSchema.parse(result.body.data)
}

describe('the conditional resync (after_id)', () => {
  test('answers only the notifications newer than the id the client holds, newest first, with their total', async () => {
    const token = await login(server.current, 'user1')
    const held = await create(token, 'held')
    const missed = [await create(token, 'missed 1'), await create(token, 'missed 2'), await create(token, 'missed 3')]
    const page = await missedSince(token, held.id)
    expect(page.items.map(item => item.id)).toEqual(missed.map(item => item.id).reverse())
    expect(page.total).toBe(3)
  })

  test('answers an empty page when nothing was missed', async () => {
    const token = await login(server.current, 'user1')
    const newest = await create(token, 'newest')
    const page = await missedSince(token, newest.id)
    expect(page).toMatchObject({ items: [], total: 0 })
  })

  test('never lists another user\'s notifications', async () => {
    const mine = await login(server.current, 'user1')
    const theirs = await login(server.current, 'user2')
    const held = await create(mine, 'mine, held')
    await create(theirs, 'theirs')
    const ownMissed = await create(mine, 'mine, missed')
    const page = await missedSince(mine, held.id)
    expect(page.items.map(item => item.title)).toEqual([ownMissed.title])
  })

  test('still works when the id the client holds has been deleted since', async () => {
    const token = await login(server.current, 'user1')
    const held = await create(token, 'deleted while away')
    const missed = await create(token, 'missed')
    expect((await api(server.current, 'DELETE', Paths.notification(held.id), { token })).status).toBe(200)
    const page = await missedSince(token, held.id)
    expect(page.items.map(item => item.id)).toEqual([missed.id])
  })

  test('pages through many missed notifications with page and page_size', async () => {
    const token = await login(server.current, 'user1')
    const held = await create(token, 'held')
    const missed: Notification[] = []
    for (let i = 0; i < 5; i++)
      missed.push(await create(token, `missed ${i}`))
    const first = await missedSince(token, held.id, '&page_size=3')
    const second = await missedSince(token, held.id, '&page_size=3&page=2')
    expect(first.total).toBe(5)
    expect([...first.items, ...second.items].map(item => item.id)).toEqual(missed.map(item => item.id).reverse())
  })

  test('refuses an after_id that is not a whole non-negative number with 422 naming the field', async () => {
    const token = await login(server.current, 'user1')
    for (const bad of ['abc', '-1', '1.5', '99999999999999999999']) {
      const result = await api(server.current, 'GET', `${Paths.notifications}?after_id=${bad}`, { token })
      expect(result.status, bad).toBe(422)
      expect(result.body.message, bad).toContain('after_id')
    }
  })
})
