// Each language's messages are a chunk of their own in the build (src/i18n/loadLocale.ts): the page
// shows the saved language at once and fetches another only when the user picks it.
import { describe, expect, test } from 'vitest'
import { useStack } from './support/stack'

const stack = useStack({ viaNginx: false })

describe('languages in the built app', () => {
  test('the login page opens in Chinese, switches to English on demand, and stays English after a reload', async () => {
    const context = await stack.newContext()
    const page = await context.newPage()
    await page.goto(`${stack.baseUrl}/login`)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.getByRole('button', { name: '登录', exact: true }).waitFor()

    await page.getByRole('button', { name: /^语言/ }).click()
    await page.getByRole('menuitem', { name: 'English' }).click()

    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.title()).toContain('Sign in')

    await page.reload()
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByRole('button', { name: '登录', exact: true }).count()).toBe(0)
  })
})
