// What a person does and sees in the app, in terms of the UI's accessible names (English locale).
import type { Locator, Page } from 'playwright-core'

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL(url => !url.pathname.startsWith('/login'))
  await waitForConnection(page, 'open')
}

export function bellButton(page: Page): Locator {
  return page.getByRole('button', { name: /^Notifications, / })
}

/** The unread count as the bell announces it to a screen reader. */
export async function unreadOnBell(page: Page): Promise<number> {
  const label = await bellButton(page).getAttribute('aria-label') ?? ''
  const match = /Notifications, (\d+) unread/.exec(label)
  return match ? Number(match[1]) : 0
}

export async function waitForConnection(page: Page, status: string, timeout = 30_000): Promise<void> {
  await page.locator(`.connection-indicator[data-status="${status}"]`).waitFor({ timeout })
}

export function bellPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Notifications' })
}
