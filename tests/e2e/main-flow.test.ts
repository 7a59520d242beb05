import { describe, expect, test } from 'vitest'
import { createNotification, signInByApi } from './support/api'
import { bellButton, bellPanel, signIn, unreadOnBell } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

describe('the main flow, through nginx', () => {
  test('a notification created through REST lights the bell, and opening it lands on its stock page', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')
    expect(await unreadOnBell(page)).toBe(0)

    const token = await signInByApi(stack.baseUrl, 'admin', 'admin123')
    const publishedAt = Date.now()
    await createNotification(stack.baseUrl, token, {
      title: '分析完成',
      content: '000001 分析已完成',
      type: 'analysis',
      link: '/stocks/000001',
      source: 'analysis',
    })
    await expect.poll(() => unreadOnBell(page), { timeout: 10_000, interval: 20 }).toBe(1)
    console.info(`bell went from 0 to 1 in ${Date.now() - publishedAt} ms after the REST call`)

    await bellButton(page).click()
    await bellPanel(page).getByRole('button', { name: '分析完成', exact: true }).click()
    await page.waitForURL(url => url.pathname === '/stocks/000001')
    await expect.poll(() => unreadOnBell(page)).toBe(0)
  })
})
