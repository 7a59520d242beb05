import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { Paths } from '../../src/protocol'
import { createNotification, signInByApi } from './support/api'
import { signIn, unreadOnBell, waitForConnection } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

function rowTitles(page: Page): Promise<string[]> {
  return page.locator('.inbox .notification-item__title').allTextContents()
}

async function serverUnread(token: string): Promise<number> {
  const response = await fetch(`${stack.baseUrl}${Paths.unreadCount}`, { headers: { authorization: `Bearer ${token}` } })
  return (await response.json()).data.count
}

describe('keyboard triage', () => {
  test('a burst of 30 triaged by keyboard only in one tab (select, done, undo, snooze, search) while the other tab triages too, leaves both tabs and the server agreeing', async () => {
    const context = await stack.newContext()
    const first = await stack.openPage(context)
    const second = await stack.openPage(context)
    await signIn(first, stack.baseUrl, 'user1', 'user123')
    await second.goto(`${stack.baseUrl}/notifications`)
    await waitForConnection(second, 'open')
    await first.goto(`${stack.baseUrl}/notifications`)
    await waitForConnection(first, 'open')

    const token = await signInByApi(stack.baseUrl, 'user1', 'user123')
    for (let n = 1; n <= 30; n++)
      await createNotification(stack.baseUrl, token, { title: `Burst ${String(n).padStart(2, '0')}`, content: 'to triage', type: 'analysis' })
    await expect.poll(() => unreadOnBell(first), { timeout: 15_000 }).toBe(30)
    await first.getByRole('button', { name: /Show \d+ new notifications/ }).click()
    await expect.poll(() => rowTitles(first)).toHaveLength(20)

    const keys = first.keyboard
    // The pill put the cursor on the newest row: select it and the next two, and mark them done together.
    await keys.press('x')
    for (let n = 0; n < 2; n++) {
      await keys.press('j')
      await keys.press('x')
    }
    await expect.poll(() => first.getByText('3 selected').count()).toBe(1)
    await keys.press('e')
    await expect.poll(async () => (await rowTitles(first))[0]).toBe('Burst 27')
    await expect.poll(() => unreadOnBell(first)).toBe(27)
    // Changed my mind.
    await keys.press('z')
    await expect.poll(async () => (await rowTitles(first))[0]).toBe('Burst 30')
    await expect.poll(() => unreadOnBell(first)).toBe(30)

    // Back up to the newest (the cursor stayed where the done rows had been), mark it done, and
    // snooze the next one until tomorrow 09:00 (the picker's default, one Enter).
    for (let n = 0; n < 5; n++)
      await keys.press('k')
    await expect.poll(() => first.evaluate(() => document.activeElement?.closest('li')?.querySelector('.notification-item__title')?.textContent)).toBe('Burst 30')
    await keys.press('e')
    await expect.poll(async () => (await rowTitles(first))[0]).toBe('Burst 29')
    await keys.press('s')
    await first.getByRole('dialog', { name: 'Snooze until' }).waitFor()
    await expect.poll(() => first.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Snooze')
    await keys.press('Enter')
    await expect.poll(async () => (await rowTitles(first))[0]).toBe('Burst 28')

    // Find one by searching.
    await keys.press('/')
    await keys.type('Burst 07')
    await expect.poll(() => rowTitles(first), { timeout: 5000 }).toEqual(['Burst 07'])

    // Meanwhile the other tab, by keyboard too: the newest left in its inbox is done.
    await second.bringToFront()
    await second.getByRole('button', { name: /Show \d+ new notifications/ }).click()
    await expect.poll(async () => (await rowTitles(second))[0]).toBe('Burst 28')
    await second.keyboard.press('e') // the pill left the cursor on the newest row
    await expect.poll(async () => (await rowTitles(second))[0]).toBe('Burst 27')

    await expect.poll(() => serverUnread(token)).toBe(27)
    for (const page of [first, second])
      await expect.poll(() => unreadOnBell(page), { timeout: 10_000 }).toBe(27)
    expect(new URL(first.url()).searchParams.get('q')).toBe('Burst 07') // the search is in the URL
    await first.goto(`${stack.baseUrl}/notifications`)
    await waitForConnection(first, 'open')
    await expect.poll(() => rowTitles(first)).toHaveLength(20)
    expect((await rowTitles(first))[0]).toBe('Burst 27')
  })
})
