// Debian's Chromium driven by playwright-core (npx playwright install cannot download browsers here).
import { mkdirSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
}

/** Saves a screenshot of every open page under test-results/e2e/ (called when a test failed). */
export async function screenshotPages(pages: Page[], name: string): Promise<void> {
  mkdirSync('test-results/e2e', { recursive: true })
  const safe = name.replace(/[^\w-]+/g, '_').slice(0, 80)
  await Promise.all(pages.map((page, index) => page.screenshot({ path: `test-results/e2e/${safe}-${index}.png`, fullPage: true }).catch(() => {})))
}
