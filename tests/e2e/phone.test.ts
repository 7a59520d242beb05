// The app on a phone (390×844, touch): the header keeps the bell, the connection status and the
// account menu on screen, the nav folds behind a menu button, and no page scrolls sideways.
import { afterEach, describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { NOTIFICATION_TYPES } from '../../src/protocol'
import { createNotification, signInByApi } from './support/api'
import { bellButton, bellPanel } from './support/app'
import { useStack } from './support/stack'

const stack = useStack({ viaNginx: false })
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const PAGES = ['/notifications', '/tasks', '/stats', '/settings', '/stocks/000001', '/no-such-page']

const contexts: BrowserContext[] = []
afterEach(async () => {
  await Promise.all(contexts.splice(0).map(context => context.close()))
})

async function openPhone(): Promise<Page> {
  const context = await stack.browser.newContext(PHONE)
  contexts.push(context)
  const page = await context.newPage()
  await page.addInitScript(() => localStorage.setItem('tidings-locale', 'en'))
  return page
}

async function signInByTap(page: Page): Promise<void> {
  await page.goto(`${stack.baseUrl}/login`)
  await page.getByLabel('Username').fill('admin')
  await page.getByLabel('Password').fill('admin123')
  await page.getByRole('button', { name: 'Sign in', exact: true }).tap()
  await page.waitForURL(url => !url.pathname.startsWith('/login'))
}

function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

describe('on a phone', () => {
  test('the bell, the connection status and the account menu are on screen, and Sign out works by tap', async () => {
    const token = await signInByApi(stack.baseUrl, 'admin', 'admin123')
    await createNotification(stack.baseUrl, token, { title: 'Phone check', content: 'A row in the sheet', type: 'system' })
    const page = await openPhone()
    await signInByTap(page)

    const status = page.locator('.connection-indicator[data-status="open"]')
    await status.waitFor()
    for (const control of [bellButton(page), page.getByRole('button', { name: /^Account menu/ }), status]) {
      const box = (await control.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }

    await bellButton(page).tap()
    await bellPanel(page).getByRole('button', { name: 'Phone check' }).first().waitFor()
    const sheet = (await page.locator('.bell-popover').boundingBox())!
    expect(sheet.x).toBe(0)
    expect(sheet.width).toBe(390)
    await bellButton(page).tap()
    await expect.poll(() => bellPanel(page).isVisible()).toBe(false)

    await page.getByRole('button', { name: /^Account menu/ }).tap()
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).tap()
    await page.waitForURL(url => url.pathname.startsWith('/login'))
  })

  test('the nav opens from the menu button and closes after choosing a page', async () => {
    const page = await openPhone()
    await signInByTap(page)
    const nav = page.getByRole('navigation', { name: 'Main navigation' })
    expect(await nav.isVisible()).toBe(false)

    const menuButton = page.getByRole('button', { name: 'Menu', exact: true })
    await menuButton.tap()
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true')
    await nav.getByRole('link', { name: 'Tasks' }).tap()
    await page.waitForURL(url => url.pathname === '/tasks')
    await expect.poll(() => nav.isVisible()).toBe(false)
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false')
  })

  test('while the server is away the header still fits, and Retry now is on screen', async () => {
    const page = await openPhone()
    await signInByTap(page)
    await page.locator('.connection-indicator[data-status="open"]').waitFor()
    await stack.server.stop()
    try {
      await page.locator('.connection-indicator[data-status="reconnecting"]').waitFor()
      const retry = page.getByRole('button', { name: 'Retry now' })
      const box = (await retry.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(390)
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
      const bell = (await bellButton(page).boundingBox())!
      expect(bell.x + bell.width).toBeLessThanOrEqual(390)
    }
    finally {
      stack.server = await stack.server.restart()
    }
  })

  test('no page scrolls sideways', async () => {
    const token = await signInByApi(stack.baseUrl, 'admin', 'admin123')
    for (const type of NOTIFICATION_TYPES)
      await createNotification(stack.baseUrl, token, { title: `A rather long ${type} notification title that has to wrap on a phone`, content: 'Body text '.repeat(20), type })
    const page = await openPhone()
    const overflows: string[] = []
    for (const path of ['/login', ...PAGES]) {
      if (path !== '/login' && page.url().includes('/login'))
        await signInByTap(page)
      await page.goto(`${stack.baseUrl}${path}`)
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {})
      const overflow = await sidewaysOverflow(page)
      if (overflow > 0)
        overflows.push(`${path}: ${overflow}px wider than the screen`)
    }
    expect(overflows).toEqual([])
  })
})
