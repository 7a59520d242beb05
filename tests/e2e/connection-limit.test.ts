import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { fetchStats } from './support/api'
import { signIn, waitForConnection } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

describe('the per-user connection limit', () => {
  test('a fourth browser of one user evicts the oldest, which says it was signed out elsewhere and does not reconnect', async () => {
    const pages: Page[] = []
    for (let index = 0; index < 4; index++) {
      const page = await stack.openPage(await stack.newContext())
      await signIn(page, stack.baseUrl, 'user2', 'user123')
      pages.push(page)
    }
    const oldest = pages[0]
    await waitForConnection(oldest, 'replaced')
    await expect.poll(async () => (await fetchStats(stack.baseUrl)).users.user2).toBe(3)

    let reopened = 0
    oldest.on('websocket', () => reopened++)
    // Long enough for several rounds of any reconnect loop (the first backoff ceiling is 1 s).
    await oldest.waitForTimeout(4_000)
    expect(reopened).toBe(0)
    expect(await oldest.locator('.connection-indicator').getAttribute('data-status')).toBe('replaced')
    expect((await fetchStats(stack.baseUrl)).users.user2).toBe(3)
    for (const page of pages.slice(1))
      expect(await page.locator('.connection-indicator').getAttribute('data-status')).toBe('open')
  })
})
