// Input a browser or a database would quietly turn into something else: control characters that make
// an in-app link leave the site, and halves of surrogate pairs that blow past a length limit once stored.
import { describe, expect, test } from 'vitest'
import { Paths, type Notification, type NotificationPage } from '../../src/protocol'
import { notificationInput } from './support/factories'
import { api, login, useTestServer } from './support/server'

const server = useTestServer()

async function storedTitles(token: string): Promise<string[]> {
  const result = await api<NotificationPage>(server.current, 'GET', `${Paths.notifications}?page_size=100`, { token })
  return result.body.data!.items.map(item => item.title)
}

describe('links', () => {
  test.each([
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['/stocks/000001\u0000'],
    ['https://example.com/\u007Freport'],
  ])('refuses %j, which a browser would follow off the site, with 422 and stores nothing', async (link) => {
    const token = await login(server.current, 'user1')
    const title = `link ${JSON.stringify(link)}`
    const result = await api(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ title, link }) })
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(/^link: .*control characters/)
    expect(await storedTitles(token)).not.toContain(title)
  })

  test('still takes an in-app path with a query and fragment, and an https address', async () => {
    const token = await login(server.current, 'user1')
    for (const link of ['/notifications?status=unread#top', 'https://example.com/report?id=1', '']) {
      const result = await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ link }) })
      expect(result.status, link).toBe(201)
    }
  })
})

describe('text', () => {
  test('refuses a title holding half of a surrogate pair with 422 naming the field, and stores nothing', async () => {
    const token = await login(server.current, 'user1')
    // JSON.stringify would escape the lone half the same way; spelled out so the wire bytes are plain.
    const rawBody = '{"title":"lonely \\ud800 half","content":"c","type":"system"}'
    const result = await api(server.current, 'POST', Paths.notifications, { token, rawBody, headers: { 'Content-Type': 'application/json' } })
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(/^title: .*Unicode/)
    expect((await storedTitles(token)).some(title => title.startsWith('lonely'))).toBe(false)
  })

  test('refuses a lone low half in the content too', async () => {
    const token = await login(server.current, 'user1')
    const rawBody = '{"title":"t","content":"\\udc00","type":"system"}'
    const result = await api(server.current, 'POST', Paths.notifications, { token, rawBody })
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(/^content: /)
  })

  test('keeps a 200-unit title of emoji (whole surrogate pairs) exactly as sent', async () => {
    const token = await login(server.current, 'user1')
    const title = '🔔'.repeat(100)
    const result = await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ title }) })
    expect(result.status).toBe(201)
    expect(await storedTitles(token)).toContain(title)
  })
})
