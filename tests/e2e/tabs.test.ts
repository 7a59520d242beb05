import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createNotification, fetchStats, signInByApi } from './support/api'
import { signIn, unreadOnBell, waitForConnection } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

/** Counts the WebSockets each page opens to the notification endpoint (which tab is the leader). */
function countSockets(pages: Page[]): Map<Page, number> {
  const opened = new Map(pages.map(page => [page, 0]))
  for (const page of pages) {
    page.on('websocket', (socket) => {
      if (socket.url().includes('/api/ws/notifications'))
        opened.set(page, (opened.get(page) ?? 0) + 1)
    })
  }
  return opened
}

describe('one connection per browser', () => {
  test('three tabs share one connection, and when the leader closes another tab takes over and still receives pushes', async () => {
    const context = await stack.newContext()
    const first = await stack.openPage(context)
    const second = await stack.openPage(context)
    const third = await stack.openPage(context)
    const opened = countSockets([first, second, third])

    await signIn(first, stack.baseUrl, 'user1', 'user123')
    for (const page of [second, third]) {
      await page.goto(`${stack.baseUrl}/notifications`)
      await waitForConnection(page, 'open')
    }
    await expect.poll(async () => (await fetchStats(stack.baseUrl)).users.user1).toBe(1)
    const leaders = [...opened].filter(([, count]) => count > 0).map(([page]) => page)
    expect(leaders).toHaveLength(1)

    const leader = leaders[0]
    const others = [first, second, third].filter(page => page !== leader)
    await leader.close()
    await expect.poll(() => others.reduce((sum, page) => sum + (opened.get(page) ?? 0), 0), { timeout: 15_000 }).toBe(1)
    await expect.poll(async () => (await fetchStats(stack.baseUrl)).users.user1, { timeout: 15_000 }).toBe(1)
    for (const page of others)
      await waitForConnection(page, 'open')

    const token = await signInByApi(stack.baseUrl, 'user1', 'user123')
    await createNotification(stack.baseUrl, token, { title: 'After the hand-over', content: 'still here', type: 'system' })
    for (const page of others)
      await expect.poll(() => unreadOnBell(page), { timeout: 10_000 }).toBe(1)
  })
})
