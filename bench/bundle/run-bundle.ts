// Section "bundle": the gzip size of the JavaScript a fresh browser downloads for the login page and
// for the first page after signing in (/notifications), read from what Chromium actually requested,
// plus checks that Element Plus is imported on demand and that routes are split into chunks.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext } from 'playwright-core'
import { BUILD_DIR, signedInContext, type AppServer } from '../browser/app'
import { composition, type GroupShare } from './composition'

export interface PageScripts {
  path: string
  /** Every script fetched until the network is idle (prefetches after first use included). */
  files: { name: string, bytes: number, gzip: number }[]
  bytes: number
  gzip: number
  /** The scripts requested before the page was usable (its content shown), and their gzip. */
  usable: { files: number, gzip: number }
}

export interface BundleResult {
  buildMs: number
  login: PageScripts
  firstAuthenticated: PageScripts
  /** JavaScript files in the build, and how many are route components (`*View-*.js`, `AppLayout-*.js`). */
  totalFiles: number
  routeChunks: string[]
  totalGzip: number
  /** Which packages and app folders the first authenticated page's JavaScript is made of. */
  composition: GroupShare[]
  /** Element Plus components the app never uses, found in what the first authenticated page loads (should be none). */
  unusedElementPlusFound: string[]
}

/** Components of Element Plus this app does not use: their presence would mean a full import. */
const UNUSED_ELEMENT_PLUS = ['el-transfer', 'el-calendar', 'el-cascader', 'el-color-picker', 'el-tree-select', 'el-upload']

const gzipSize = (content: Buffer) => gzipSync(content, { level: 9 }).length

/**
 * `usable`: a selector that matches once the page shows its content; scripts requested before then
 * are what the user waits for, those after (prefetches on idle) are counted in the total only.
 */
async function scriptsOf(context: BrowserContext, url: string, ready: string, usable: string): Promise<PageScripts> {
  const page = await context.newPage()
  const seen = new Set<string>()
  const isScript = (request: { resourceType: () => string, url: () => string }) =>
    request.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(request.url()).pathname)
  const requested = new Set<string>()
  page.on('request', (request) => {
    if (isScript(request))
      requested.add(new URL(request.url()).pathname)
  })
  page.on('response', (response) => {
    if (isScript(response.request()))
      seen.add(new URL(response.url()).pathname)
  })
  await page.goto(url)
  await page.waitForSelector(usable, { timeout: 30_000 })
  const beforeUsable = new Set(requested)
  await page.waitForSelector(ready, { timeout: 30_000 })
  await page.waitForLoadState('networkidle')
  await page.close()
  const files = [...seen].sort().map((path) => {
    const content = readFileSync(join(BUILD_DIR, path))
    return { name: path, bytes: content.length, gzip: gzipSize(content) }
  })
  const early = files.filter(file => beforeUsable.has(file.name))
  return {
    path: new URL(url).pathname,
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
    usable: { files: early.length, gzip: early.reduce((sum, file) => sum + file.gzip, 0) },
  }
}

export async function runBundle(browser: Browser, app: AppServer, buildMs: number): Promise<BundleResult> {
  const anonymous = await signedInContext(browser, null)
  const login = await scriptsOf(anonymous, `${app.url}/login`, 'form', 'form input[name="password"]')
  await anonymous.close()

  const session = await app.login('user2', 'user123')
  const signedIn = await signedInContext(browser, session)
  // Usable: the bell and the inbox's first page (its list no longer busy) are on screen.
  const firstAuthenticated = await scriptsOf(signedIn, `${app.url}/notifications`, '.bell__button', '.notification-list[aria-busy="false"]')
  await signedIn.close()

  const assets = readdirSync(join(BUILD_DIR, 'assets')).filter(name => name.endsWith('.js'))
  const loadedText = firstAuthenticated.files.map(file => readFileSync(join(BUILD_DIR, file.name), 'utf8')).join('\n')
  return {
    buildMs,
    login,
    firstAuthenticated,
    totalFiles: assets.length,
    routeChunks: assets.filter(name => /^(\w+View|AppLayout)-/.test(name)),
    totalGzip: assets.reduce((sum, name) => sum + gzipSize(readFileSync(join(BUILD_DIR, 'assets', name))), 0),
    composition: composition(firstAuthenticated.files.map(file => join(BUILD_DIR, file.name))),
    unusedElementPlusFound: UNUSED_ELEMENT_PLUS.filter(name => loadedText.includes(name)),
  }
}
