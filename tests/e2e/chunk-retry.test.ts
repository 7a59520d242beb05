// A lazy chunk that fails to download (offline for a moment, a proxy hiccup) must not break what
// it belongs to: the user sees that it failed, and the next click or navigation downloads it again.
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { bellButton, bellPanel, signIn } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

/** Fails every download of the chunks matching `pattern` until the returned function is called. */
async function failChunk(page: Page, pattern: string): Promise<() => Promise<void>> {
  const glob = `**/assets/${pattern}`
  await page.route(glob, route => route.abort('internetdisconnected'))
  return () => page.unroute(glob)
}

function loadFailure(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'Could not load' })
}

describe('a chunk that failed to download', () => {
  test('the bell shows an error when its menu cannot load, and opens on the next click', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')

    const restore = await failChunk(page, 'NotificationBellMenu-*.js')
    await bellButton(page).click()
    await loadFailure(page).waitFor()
    expect(await bellPanel(page).isVisible()).toBe(false)

    await restore()
    await bellButton(page).click()
    await bellPanel(page).waitFor()
    await expect.poll(() => loadFailure(page).count()).toBe(0)
  })

  test('the account menu opens on the next click after its code failed to load, so the user can sign out', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')

    const restore = await failChunk(page, 'DropdownMenu-*.js')
    const accountButton = page.getByRole('button', { name: /^Account/ })
    await accountButton.click()
    await loadFailure(page).waitFor()

    await restore()
    await accountButton.click()
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click()
    await page.waitForURL(url => url.pathname.startsWith('/login'))
  })

  test('a page whose code failed to load shows an error, and its Retry opens the page', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')

    const restore = await failChunk(page, 'StatsView-*.js')
    await page.getByRole('navigation').getByRole('link', { name: 'Connections' }).click()
    await loadFailure(page).waitFor()
    expect(new URL(page.url()).pathname).toBe('/notifications')

    await restore()
    await loadFailure(page).getByRole('button', { name: 'Retry' }).click()
    await page.waitForURL(url => url.pathname === '/stats')
    await page.getByRole('heading', { level: 1 }).waitFor()
  })

  test('a page whose code failed to load opens on the next click of its link', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')

    const restore = await failChunk(page, 'TasksView-*.js')
    const tasksLink = page.getByRole('navigation').getByRole('link', { name: 'Tasks' })
    await tasksLink.click()
    await loadFailure(page).waitFor()

    await restore()
    await tasksLink.click()
    await page.waitForURL(url => url.pathname === '/tasks')
    await page.getByRole('heading', { level: 1 }).waitFor()
  })
})
