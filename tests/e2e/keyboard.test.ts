import { describe, expect, test } from 'vitest'
import { createNotification, signInByApi } from './support/api'
import { bellButton, bellPanel, signIn } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

describe('keyboard use of the bell', () => {
  test('the list in the bell is one Tab stop with arrow-key movement, and Escape closes the menu from the bell button', async () => {
    const token = await signInByApi(stack.baseUrl, 'user2', 'user123')
    for (let n = 1; n <= 6; n++)
      await createNotification(stack.baseUrl, token, { title: `Row ${n}`, content: 'text', type: 'system' })
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'user2', 'user123')
    await expect.poll(() => bellButton(page).getAttribute('aria-label')).toBe('Notifications, 6 unread')

    await bellButton(page).focus()
    await page.keyboard.press('Enter')
    await bellPanel(page).waitFor()
    await expect.poll(() => page.locator('.bell-popover .notification-item').count()).toBe(6)

    // Tab through the open menu: count the stops inside the list.
    let stopsInList = 0
    for (let n = 0; n < 12; n++) {
      await page.keyboard.press('Tab')
      const where = await page.evaluate(() => ({
        inList: !!document.activeElement?.closest('.bell-popover .notification-list'),
        inMenu: !!document.activeElement?.closest('.bell-popover'),
      }))
      if (where.inList)
        stopsInList++
      if (!where.inMenu)
        break
    }
    expect(stopsInList).toBe(1)

    await page.locator('.bell-popover .notification-item__open').first().focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Row 4')

    await bellButton(page).focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => bellPanel(page).isVisible()).toBe(false)
  })
})
