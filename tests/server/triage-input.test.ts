// The list's views and search (SPEC §3.2), and the triage input the server refuses: 422 naming the field.
import { describe, expect, test } from 'vitest'
import { MAX_BULK_IDS, MAX_SEARCH_LENGTH, MAX_SNOOZE_DAYS, Paths, type NotificationPage } from '../../src/protocol'
import { api, login, useTestServer } from './support/server'
import { createFor, idsIn, inMs, triage } from './support/triage'

const server = useTestServer()
const DAY_MS = 24 * 60 * 60 * 1000

describe('views and search', () => {
  test('the list shows the inbox by default: neither done nor snoozed items', async () => {
    const token = await login(server.current, 'user1')
    const [kept, done, snoozed] = [await createFor(server.current, token), await createFor(server.current, token), await createFor(server.current, token)]
    await triage(server.current, token, Paths.archive(done.id))
    await triage(server.current, token, Paths.snooze(snoozed.id), { until: inMs(DAY_MS) })

    const page = (await api<NotificationPage>(server.current, 'GET', `${Paths.notifications}?page_size=100`, { token })).body.data!
    expect(page.items.map(item => item.id)).toContain(kept.id)
    expect(page.items.map(item => item.id)).not.toContain(done.id)
    expect(page.items.map(item => item.id)).not.toContain(snoozed.id)
    expect(await idsIn(server.current, token, 'all')).toEqual(expect.arrayContaining([kept.id, done.id, snoozed.id]))
  })

  test('search finds words in the title or the content whatever their case, and combines with status and type', async () => {
    const token = await login(server.current, 'user2')
    const inTitle = await createFor(server.current, token, { title: 'Quarterly Report ready', type: 'analysis' })
    const inContent = await createFor(server.current, token, { content: 'the REPORT for 600519', type: 'alert' })
    const accented = await createFor(server.current, token, { title: 'ÉTÉ 报告', type: 'alert' })
    await createFor(server.current, token, { title: 'something else' })

    expect(await idsIn(server.current, token, 'inbox', '&q=report')).toEqual([inContent.id, inTitle.id])
    expect(await idsIn(server.current, token, 'inbox', `&q=${encodeURIComponent('été')}`)).toEqual([accented.id])
    expect(await idsIn(server.current, token, 'inbox', `&q=${encodeURIComponent('报告')}`)).toEqual([accented.id])
    expect(await idsIn(server.current, token, 'inbox', '&q=report&type=alert&status=unread')).toEqual([inContent.id])
    await api(server.current, 'POST', Paths.notificationRead(inContent.id), { token })
    expect(await idsIn(server.current, token, 'inbox', '&q=report&type=alert&status=unread')).toEqual([])
  })

  test('search characters that mean something to SQL match themselves', async () => {
    const token = await login(server.current, 'admin')
    const percent = await createFor(server.current, token, { title: 'up 5% today' })
    await createFor(server.current, token, { title: 'up 5 points today' })
    expect(await idsIn(server.current, token, 'all', `&q=${encodeURIComponent('5%')}`)).toEqual([percent.id])
  })

  test('a search longer than the limit or an unknown view is refused with 422 naming the field', async () => {
    const token = await login(server.current, 'admin')
    const long = await api(server.current, 'GET', `${Paths.notifications}?q=${'x'.repeat(MAX_SEARCH_LENGTH + 1)}`, { token })
    expect(long.status).toBe(422)
    expect(long.body.message).toMatch(/^q: /)
    const view = await api(server.current, 'GET', `${Paths.notifications}?view=trash`, { token })
    expect(view.status).toBe(422)
    expect(view.body.message).toMatch(/^view: /)
    expect((await api(server.current, 'GET', `${Paths.notifications}?q=${'x'.repeat(MAX_SEARCH_LENGTH)}`, { token })).status).toBe(200)
  })
})

describe('triage input the server refuses', () => {
  test.each([
    ['in the past', () => inMs(-60_000)],
    [`more than ${MAX_SNOOZE_DAYS} days ahead`, () => inMs(MAX_SNOOZE_DAYS * DAY_MS + 60_000)],
    ['not a date', () => 'next tuesday'],
  ])('a snooze until a time %s is refused with 422 naming until', async (_what, until) => {
    const token = await login(server.current, 'user1')
    const item = await createFor(server.current, token)
    const result = await triage(server.current, token, Paths.snooze(item.id), { until: until() })
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(/^until: /)
    expect(await idsIn(server.current, token, 'inbox')).toContain(item.id)
  })

  test.each([
    ['no ids', { ids: [], action: 'read' }, /^ids: /],
    [`${MAX_BULK_IDS + 1} ids`, { ids: Array.from({ length: MAX_BULK_IDS + 1 }, (_, index) => String(index + 1)), action: 'read' }, /^ids: /],
    ['an unknown action', { ids: ['1'], action: 'star' }, /^action: /],
  ])('a bulk request with %s is refused with 422 naming the field', async (_what, body, field) => {
    const token = await login(server.current, 'user1')
    const result = await triage(server.current, token, Paths.bulk, body)
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(field)
  })

  test(`a bulk request of exactly ${MAX_BULK_IDS} ids is accepted`, async () => {
    const token = await login(server.current, 'user1')
    const ids = Array.from({ length: MAX_BULK_IDS }, (_, index) => String(900_000 + index))
    expect((await triage(server.current, token, Paths.bulk, { ids, action: 'read' })).body.data).toEqual({ updated: 0 })
  })
})
