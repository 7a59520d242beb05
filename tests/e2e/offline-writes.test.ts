import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { Paths, type Notification } from '../../src/protocol'
import { createNotification, signInByApi } from './support/api'
import { signIn, unreadOnBell, waitForConnection } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

async function stored(token: string): Promise<Notification[]> {
  const response = await fetch(`${stack.baseUrl}${Paths.notifications}?view=all`, { headers: { authorization: `Bearer ${token}` } })
  return (await response.json()).data.items
}

function rowOf(page: Page, title: string) {
  return page.locator('.inbox .notification-item', { has: page.getByText(title, { exact: true }) })
}

describe('writes while the server is down', () => {
  test('mark read and done while the server is down apply at once, say they are waiting, and reach the server when it is back', async () => {
    const token = await signInByApi(stack.baseUrl, 'user2', 'user123')
    await createNotification(stack.baseUrl, token, { title: 'Read me offline', content: 'one', type: 'system' })
    await createNotification(stack.baseUrl, token, { title: 'Finish me offline', content: 'two', type: 'system' })
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'user2', 'user123')
    await page.goto(`${stack.baseUrl}/notifications`)
    await expect.poll(() => page.locator('.inbox .notification-item').count()).toBe(2)
    await page.waitForLoadState('networkidle') // a moment on the page: the app has fetched what it prefetches

    await stack.server.stop({ keepData: true }) // nginx now answers 502
    await page.getByRole('button', { name: 'Mark “Read me offline” as read' }).click()
    await page.getByRole('button', { name: 'Mark “Finish me offline” done' }).click()
    await expect.poll(() => page.getByText('it will reach the server when the connection is back').count()).toBeGreaterThan(0)
    await expect.poll(() => rowOf(page, 'Read me offline').getAttribute('class')).not.toContain('is-unread')
    await expect.poll(() => rowOf(page, 'Finish me offline').count()).toBe(0)
    expect(await unreadOnBell(page)).toBe(0)

    stack.server = await stack.server.restart()
    await waitForConnection(page, 'open', 60_000)
    await expect.poll(async () => (await stored(token)).map(n => [n.title, n.status, n.archived]), { timeout: 10_000 }).toEqual([
      ['Finish me offline', 'read', true],
      ['Read me offline', 'read', false],
    ])
    expect(await unreadOnBell(page)).toBe(0)
  })
})
