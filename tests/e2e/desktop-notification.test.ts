import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createNotification, signInByApi } from './support/api'
import { signIn, unreadOnBell } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

interface Constructed { title: string, tag?: string }

/** Wraps window.Notification so the test sees every desktop notification the page constructs. */
function recordDesktopNotifications(page: Page) {
  return page.addInitScript(() => {
    const Real = window.Notification
    const constructed: Constructed[] = []
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options)
        constructed.push({ title, tag: options?.tag })
      }
    }
    Object.assign(window, { __constructed: constructed, Notification: Recorded })
  })
}

/**
 * Headless Chromium reports every page as visible, even behind another tab, so the test puts this
 * page in the background the way the browser would tell it: `visibilityState` and a `visibilitychange`.
 */
function allowHiding(page: Page) {
  return page.addInitScript(() => {
    let hidden = false
    Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') })
    Object.defineProperty(document, 'hidden', { get: () => hidden })
    Object.assign(window, {
      __setHidden(next: boolean) {
        hidden = next
        document.dispatchEvent(new Event('visibilitychange'))
      },
    })
  })
}

const constructedOn = (page: Page) => page.evaluate(() => (window as unknown as { __constructed: Constructed[] }).__constructed)

describe('desktop notifications', () => {
  test('one push builds exactly one desktop notification, in the hidden tab, tagged with its id', async () => {
    const context = await stack.newContext()
    await context.grantPermissions(['notifications'], { origin: stack.baseUrl })
    const background = await stack.openPage(context)
    await recordDesktopNotifications(background)
    await allowHiding(background)
    await signIn(background, stack.baseUrl, 'admin', 'admin123')

    const front = await stack.openPage(context)
    await recordDesktopNotifications(front)
    await front.goto(`${stack.baseUrl}/notifications`)
    await front.locator('.connection-indicator[data-status="open"]').waitFor()
    await background.evaluate(() => (window as unknown as { __setHidden: (hidden: boolean) => void }).__setHidden(true))

    const token = await signInByApi(stack.baseUrl, 'admin', 'admin123')
    const pushed = await createNotification(stack.baseUrl, token, { title: 'Disk almost full', content: '95 % used on /data', type: 'alert' })

    await expect.poll(() => constructedOn(background), { timeout: 10_000 }).toHaveLength(1)
    // The visible tab shows the push in the page (bell and toast), never as a desktop notification.
    await expect.poll(() => unreadOnBell(front)).toBe(1)
    await front.getByRole('alert').filter({ hasText: 'Disk almost full' }).first().waitFor()
    expect(await constructedOn(background)).toEqual([{ title: 'Disk almost full', tag: pushed.id }])
    expect(await constructedOn(front)).toEqual([])
  })
})
