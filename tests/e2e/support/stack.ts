// One production stack per test file: the built SPA and API in a server process, nginx in front
// (the document's proxy block), and Debian's Chromium. Pages opened through `openPage` get a
// screenshot when their test fails.
import { afterAll, afterEach, beforeAll, type TestContext } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startNginx, type RunningNginx } from '../../../deploy/nginx'
import { launchBrowser, screenshotPages } from './browser'
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from './server'

export interface Stack {
  /** The URL the browser uses (nginx when `viaNginx`). */
  baseUrl: string
  server: ServerProcess
  nginx: RunningNginx | null
  browser: Browser
  /** A new browser context (its own storage, so its own leader tab and session). */
  newContext: () => Promise<BrowserContext>
  /** A page in `context` with the English UI, tracked for failure screenshots. */
  openPage: (context: BrowserContext) => Promise<Page>
}

export interface StackOptions extends ServerProcessOptions {
  /** Put nginx (deploy/nginx.conf) in front of the server. @default true */
  viaNginx?: boolean
}

/** Registers beforeAll/afterAll/afterEach hooks and returns the stack, filled in by beforeAll. */
export function useStack(options: StackOptions = {}): Stack {
  const stack = {} as Stack
  const contexts: BrowserContext[] = []
  let pages: Page[] = []

  beforeAll(async () => {
    stack.server = await startServerProcess(options)
    stack.nginx = options.viaNginx === false ? null : await startNginx({ backend: `127.0.0.1:${stack.server.port}` })
    stack.baseUrl = stack.nginx?.url ?? stack.server.url
    stack.browser = await launchBrowser()
    stack.newContext = async () => {
      const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } })
      contexts.push(context)
      return context
    }
    stack.openPage = async (context) => {
      const page = await context.newPage()
      await page.addInitScript(() => localStorage.setItem('tidings-locale', 'en'))
      pages.push(page)
      return page
    }
  })

  afterEach(async (context: TestContext) => {
    if (context.task.result?.state === 'fail')
      await screenshotPages(pages.filter(page => !page.isClosed()), context.task.name)
    await Promise.all(contexts.splice(0).map(browserContext => browserContext.close().catch(() => {})))
    pages = []
  })

  afterAll(async () => {
    await stack.browser?.close()
    await stack.nginx?.stop()
    await stack.server?.stop()
  })

  return stack
}
