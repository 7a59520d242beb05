// `npm run screenshots`: the README's pictures, taken from the real app (the production build served by
// the real server, Debian's Chromium), light and dark, desktop and phone, English and Chinese.
// Run `npm run build` first (and have a CJK font, e.g. Debian's fonts-noto-cjk, for the Chinese ones).
// Writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { Paths } from '../src/protocol'
import { createNotification, signInByApi } from '../tests/e2e/support/api'
import { signIn } from '../tests/e2e/support/app'
import { launchBrowser } from '../tests/e2e/support/browser'
import { startServerProcess } from '../tests/e2e/support/server'

const OUT = 'docs/screenshots'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

interface Shot {
  name: string
  viewport: { width: number, height: number }
  scheme: 'light' | 'dark'
  locale: 'en' | 'zh-CN'
  take: (page: Page, baseUrl: string) => Promise<void>
}

async function openBell(page: Page): Promise<void> {
  // By class, not by name: the Chinese page names the bell in Chinese.
  await page.locator('button.bell__button').click()
  await page.locator('.bell__panel').waitFor()
  await page.waitForTimeout(400) // the popover's transition
}

async function showInbox(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/notifications`)
  await page.locator('.inbox .notification-item').first().waitFor()
}

async function showTasks(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/tasks`)
  await page.locator('.el-progress').first().waitFor()
  await page.waitForTimeout(1500) // a step or two of progress
}

const shots: Shot[] = [
  { name: 'bell-menu', viewport: DESKTOP, scheme: 'light', locale: 'en', take: async page => openBell(page) },
  { name: 'bell-menu-dark', viewport: DESKTOP, scheme: 'dark', locale: 'en', take: async page => openBell(page) },
  { name: 'bell-menu-zh', viewport: DESKTOP, scheme: 'light', locale: 'zh-CN', take: async page => openBell(page) },
  { name: 'inbox', viewport: DESKTOP, scheme: 'light', locale: 'en', take: showInbox },
  { name: 'inbox-dark', viewport: DESKTOP, scheme: 'dark', locale: 'en', take: showInbox },
  { name: 'tasks-page', viewport: DESKTOP, scheme: 'light', locale: 'en', take: showTasks },
  { name: 'tasks-page-zh', viewport: DESKTOP, scheme: 'light', locale: 'zh-CN', take: showTasks },
  { name: 'phone-inbox', viewport: PHONE, scheme: 'light', locale: 'en', take: showInbox },
  { name: 'phone-bell-dark', viewport: PHONE, scheme: 'dark', locale: 'en', take: async page => openBell(page) },
]

async function seed(baseUrl: string): Promise<void> {
  const token = await signInByApi(baseUrl, 'user1', 'user123')
  const samples = [
    { title: 'Server maintenance tonight', content: 'The API is read-only from 02:00 to 02:30.', type: 'system' as const },
    { title: '600519 fell 5%', content: 'Kweichow Moutai is down 5.2% since the open.', type: 'alert' as const, link: '/stocks/600519' },
    { title: 'Weekly report is ready', content: 'Your portfolio summary for the week.', type: 'analysis' as const },
    { title: 'New sign-in', content: 'Signed in from Chromium on Linux.', type: 'system' as const },
  ]
  for (const sample of samples)
    await createNotification(baseUrl, token, sample)
  for (const symbol of ['000001', '600519']) {
    await fetch(`${baseUrl}${Paths.tasks}`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ symbol, step_ms: 4000 }),
    })
  }
}

async function take(browser: Browser, baseUrl: string, shot: Shot): Promise<void> {
  const context = await browser.newContext({ viewport: shot.viewport, colorScheme: shot.scheme, locale: shot.locale })
  await context.addInitScript(locale => localStorage.setItem('tidings-locale', locale), shot.locale)
  const page = await context.newPage()
  await signIn(page, baseUrl, 'user1', 'user123').catch(async () => {
    // The Chinese login page names its fields in Chinese: sign in by the form's own inputs.
    await page.locator('input[name="username"]').fill('user1')
    await page.locator('input[name="password"]').fill('user123')
    await page.locator('form button[type="submit"]').click()
    await page.waitForURL(url => !url.pathname.startsWith('/login'))
  })
  await shot.take(page, baseUrl)
  await page.screenshot({ path: `${OUT}/${shot.name}.png` })
  await context.close()
  console.log(`${OUT}/${shot.name}.png`)
}

const server = await startServerProcess()
const browser = await launchBrowser()
try {
  mkdirSync(OUT, { recursive: true })
  await seed(server.url)
  for (const shot of shots)
    await take(browser, server.url, shot)
}
finally {
  await browser.close()
  await server.stop()
}
