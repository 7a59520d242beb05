import { describe, expect, test } from 'vitest'
import { createNotification, signInByApi } from './support/api'
import { signIn } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

describe('the "N new" pill', () => {
  test('shows the new rows: the page scrolls to the top and focus lands on the newest row', async () => {
    const context = await stack.newContext()
    const page = await stack.openPage(context)
    const token = await signInByApi(stack.baseUrl, 'user2', 'user123')
    for (let n = 1; n <= 20; n++)
      await createNotification(stack.baseUrl, token, { title: `Earlier ${n}`, content: 'already here', type: 'system' })
    await signIn(page, stack.baseUrl, 'user2', 'user123')
    await page.goto(`${stack.baseUrl}/notifications`)
    await expect.poll(() => page.locator('.inbox .notification-item').count()).toBe(20)
    await page.mouse.wheel(0, 4000)
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200)

    await createNotification(stack.baseUrl, token, { title: 'Just in', content: 'new', type: 'alert' })
    await page.getByRole('button', { name: 'Show 1 new notification' }).click()

    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Just in')
  })
})
