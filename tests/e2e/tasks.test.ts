import { describe, expect, test } from 'vitest'
import { bellButton, bellPanel, signIn, unreadOnBell } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

describe('task progress in the browser', () => {
  test('an analysis started on the tasks page moves through every step to 100 % and its completion notification arrives', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'user1', 'user123')
    await page.goto(`${stack.baseUrl}/tasks`)

    // Record every step label and bar value the card shows, as a person watching would see them.
    await page.evaluate(() => {
      const seen = { steps: new Set<string>(), values: new Set<string>() }
      Object.assign(window, { __seen: seen })
      new MutationObserver(() => {
        for (const step of document.querySelectorAll('.task-card__step'))
          seen.steps.add(step.textContent?.trim() ?? '')
        for (const bar of document.querySelectorAll('.task-card [role="progressbar"]'))
          seen.values.add(bar.getAttribute('aria-valuenow') ?? '')
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    })

    await page.getByLabel('Stock code').fill('000001')
    await page.getByRole('button', { name: 'Start analysis' }).click()

    const card = page.locator('.task-card.is-completed')
    await card.waitFor({ timeout: 30_000 })
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')

    const seen = await page.evaluate(() => {
      const { steps, values } = (window as unknown as { __seen: { steps: Set<string>, values: Set<string> } }).__seen
      return { steps: [...steps], values: [...values].map(Number) }
    })
    for (let step = 1; step <= 5; step++)
      expect(seen.steps).toContain(`Step ${step} of 5`)
    expect(seen.values).toEqual(expect.arrayContaining([20, 40, 60, 80, 100]))
    // In the order they appeared: the bar never went backwards.
    expect(seen.values).toEqual([...seen.values].sort((a, b) => a - b))

    await expect.poll(() => unreadOnBell(page), { timeout: 10_000 }).toBe(1)
    await bellButton(page).click()
    // The server's Chinese comes with a key: the English page says it in English.
    await expect.poll(() => bellPanel(page).getByText('Analysis of 000001 is complete').count()).toBe(1)
  })

  test('a failing analysis stops with its reason shown', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'user2', 'user123')
    await page.goto(`${stack.baseUrl}/tasks`)
    await page.getByLabel('Stock code').fill('600519')
    // ElSwitch keeps its input visually hidden; a person clicks the switch around it.
    await page.getByRole('switch', { name: 'Simulate a failure' }).locator('xpath=..').click()
    await page.getByRole('button', { name: 'Start analysis' }).click()

    const card = page.locator('.task-card.is-error')
    await card.waitFor({ timeout: 30_000 })
    await expect.poll(() => card.getByText(/^Reason: .+/).count()).toBe(1)
  })
})
