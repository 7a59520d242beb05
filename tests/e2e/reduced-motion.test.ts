// A user who asked the system for reduced motion gets no animations: progress bars jump, the tab
// underline moves at once, toasts appear without sliding in.
import { describe, expect, test } from 'vitest'
import type { Locator } from 'playwright-core'
import { bellButton, bellPanel, signIn } from './support/app'
import { useStack } from './support/stack'

const stack = useStack({ viaNginx: false })

/** The longest transition or animation of an element, in seconds. */
function longestMotion(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const style = getComputedStyle(node)
    const seconds = (list: string) => list.split(',').map(value => Number.parseFloat(value) * (value.trim().endsWith('ms') ? 0.001 : 1))
    return Math.max(...seconds(style.transitionDuration), ...seconds(style.animationDuration))
  })
}

describe('reduced motion', () => {
  test('progress bars and the tab underline do not animate when the system asks for reduced motion', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
    try {
      const page = await stack.openPage(context)
      await signIn(page, stack.baseUrl, 'admin', 'admin123')

      await bellButton(page).click()
      await bellPanel(page).waitFor()
      expect(await longestMotion(page.locator('.bell-popover .el-tabs__active-bar'))).toBeLessThan(0.001)
      await bellButton(page).click()

      await page.goto(`${stack.baseUrl}/tasks`)
      await page.getByLabel('Stock code').fill('000001')
      await page.getByRole('button', { name: 'Start analysis' }).click()
      const bar = page.locator('.task-card .el-progress-bar__inner').first()
      await bar.waitFor()
      expect(await longestMotion(bar)).toBeLessThan(0.001)
    }
    finally {
      await context.close()
    }
  })
})
