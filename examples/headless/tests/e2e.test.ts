// @vitest-environment node
// End to end in Chromium: the built page served by the example's own backend (server.js, on a free
// port), a notification published through the backend's own route, the bell's count going up.
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startExampleServer } from '../server.js'

// Debian's Chromium (playwright cannot download browsers here), with the flags of the repository's own e2e tests.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync']

let backend: Awaited<ReturnType<typeof startExampleServer>>
let browser: Browser

beforeAll(async () => {
  backend = await startExampleServer({ port: 0 })
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
})

afterAll(async () => {
  await browser?.close()
  await backend?.close()
})

test('the bell counts a notification the backend publishes through its own route', async () => {
  const page = await browser.newPage()
  await page.goto(`${backend.url}/?token=alice-token`)
  const count = page.getByTestId('unread')
  await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('0')

  const published = await fetch(`${backend.url}/demo/publish`, {
    method: 'POST',
    body: JSON.stringify({ user: 'alice', title: 'Deploy finished' }),
  })
  expect(published.status).toBe(204)

  await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('1')
  await page.getByRole('button', { name: /Notifications/ }).click()
  await expect.poll(() => page.getByText('Deploy finished').count(), { timeout: 10_000 }).toBe(1)
})

test('a notification read in the bell stays read after a reload', async () => {
  const page = await browser.newPage()
  await page.goto(`${backend.url}/?token=bob-token`)
  const count = page.getByTestId('unread')
  await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('0')
  await fetch(`${backend.url}/demo/publish`, { method: 'POST', body: JSON.stringify({ user: 'bob', title: 'Invoice paid' }) })
  await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('1')

  await page.getByRole('button', { name: /Notifications/ }).click()
  await page.getByRole('button', { name: /Invoice paid/ }).click()
  await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('0')

  await page.reload()
  await page.getByRole('button', { name: /Notifications/ }).click()
  await expect.poll(() => page.getByText('Invoice paid').count(), { timeout: 20_000 }).toBe(1)
  expect(await count.textContent()).toBe('0')
})
