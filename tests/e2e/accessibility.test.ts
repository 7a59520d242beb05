// axe-core on every page and on the open bell menu, in each language, light and dark, at desktop and
// phone sizes: no serious or critical violation (contrast, names, structure). One browser for the
// file; each combination is its own context (its own storage, colour scheme and viewport).
import { AxeBuilder } from '@axe-core/playwright'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { NOTIFICATION_TYPES } from '../../src/protocol'
import { createNotification, signInByApi } from './support/api'
import { useStack } from './support/stack'

const stack = useStack({ viaNginx: false })

// Rows of each kind on the pages and in the bell: their tags, times and buttons are checked too.
beforeAll(async () => {
  const token = await signInByApi(stack.baseUrl, 'admin', 'admin123')
  for (const type of NOTIFICATION_TYPES)
    await createNotification(stack.baseUrl, token, { title: `A ${type} notification`, content: 'Body text of the notification', type, source: 'e2e' })
})

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const
const LOCALES = ['zh-CN', 'en'] as const
const SCHEMES = ['light', 'dark'] as const
const SIGNED_IN_PAGES = ['/notifications', '/tasks', '/stats', '/settings', '/stocks/000001', '/no-such-page']

interface Finding { where: string, rule: string, impact: string, help: string, targets: string[] }

/** The serious and critical violations on the page as it is now, each with the selectors of its nodes. */
async function seriousViolations(page: Page, where: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
    .map(violation => ({
      where,
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.slice(0, 8).map(node => `${node.target.join(' ')}  ${node.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`),
    }))
}

function report(findings: Finding[]): string {
  return findings.map(finding => `${finding.where}: [${finding.impact}] ${finding.rule}: ${finding.help}\n    ${finding.targets.join('\n    ')}`).join('\n')
}

async function openContext(viewport: keyof typeof VIEWPORTS, locale: string, scheme: string): Promise<{ context: BrowserContext, page: Page }> {
  const context = await stack.browser.newContext({ viewport: VIEWPORTS[viewport], colorScheme: scheme as 'light' | 'dark', reducedMotion: 'reduce' })
  const page = await context.newPage()
  await page.addInitScript(code => localStorage.setItem('tidings-locale', code), locale)
  return { context, page }
}

/** Waits until the page has settled: its chunks and first requests are done. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1, h2').first().waitFor({ timeout: 10_000 }).catch(() => {})
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {})
}

describe('accessibility (axe-core, serious and critical)', () => {
  for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
    for (const locale of LOCALES) {
      for (const scheme of SCHEMES) {
        test(`every page and the open bell menu pass at ${viewport} size in ${locale}, ${scheme}`, async () => {
          const { context, page } = await openContext(viewport, locale, scheme)
          try {
            const findings: Finding[] = []
            await page.goto(`${stack.baseUrl}/login`)
            await settled(page)
            findings.push(...await seriousViolations(page, '/login'))

            await page.locator('#login-username, input[autocomplete="username"]').first().fill('admin')
            await page.locator('input[type="password"]').fill('admin123')
            await page.locator('form button[type="submit"], form .el-button--primary').first().click()
            await page.waitForURL(url => !url.pathname.startsWith('/login'))
            await page.locator('.connection-indicator[data-status="open"]').waitFor({ state: 'attached' })

            for (const path of SIGNED_IN_PAGES) {
              await page.goto(`${stack.baseUrl}${path}`)
              await settled(page)
              findings.push(...await seriousViolations(page, path))
            }

            await page.goto(`${stack.baseUrl}/notifications`)
            await settled(page)
            await page.locator('.bell__button').click()
            await page.locator('.bell-popover').waitFor()
            await page.waitForLoadState('networkidle')
            await page.waitForFunction(() => document.getAnimations().every(animation => animation.playState !== 'running'))
            findings.push(...await seriousViolations(page, 'bell menu'))

            expect(findings, report(findings)).toEqual([])
          }
          finally {
            await context.close()
          }
        }, 120_000)
      }
    }
  }
})
