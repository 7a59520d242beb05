// Section "browser": Chromium with the notifications page open and the bell popover open, then 1,000
// notifications pushed to that user in one second. Reports the longest main-thread task, dropped
// frames, how many rows are in the DOM, and whether the badge ends exact (the server's count).
import { Agent, request } from 'node:http'
import type { Browser } from 'playwright-core'
import { Paths, type Envelope, type Stats } from '../../src/protocol'
import { sleep, waitUntil } from '../lib/clock'
import { signedInContext, type AppServer } from './app'
import { startPageProfile, type PageHotSpot } from './page-profile'
import { droppedFrames, PROBE_SCRIPT, type ProbeReport } from './page-probe'

export interface BrowserSettings {
  pushes: number
  /** The pushes are spread evenly over this long. */
  overMs: number
  /** Record a CPU profile of the page during the burst (slows it: the figures are then not the budget's). */
  profile?: boolean
  /** Notifications the user already has when the page opens (the inbox shows its first page of them). @default 30 */
  earlier?: number
  /** The user the pushes go to (one whose inbox is still empty). @default 'user1' */
  user?: 'user1' | 'user2'
}

export interface BrowserResult {
  settings: BrowserSettings
  /** Time to send every push (the server had answered all). */
  sendMs: number
  /** From the first push until the bell's exact count equalled the server's. */
  settleMs: number
  longestTaskMs: number
  longTasks: number
  /** Each long task as `duration@start` (ms after the first push). */
  longTaskTimeline: string[]
  frames: number
  droppedFrames: number
  /** Notification rows in the DOM: the page's list and the popover's. */
  pageRows: number
  popoverRows: number
  serverUnread: number
  /** The count the bell announces (its accessible name) and what the badge shows. */
  bellCount: number
  badgeText: string
  badgeExact: boolean
  /** Where the page's main thread spent the burst (only with `profile`). */
  profile?: { byFunction: PageHotSpot[], byGroup: PageHotSpot[] }
}

function post(app: AppServer, agent: Agent, token: string, body: object): Promise<void> {
  const text = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}${Paths.notifications}`, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Authorization': `Bearer ${token}` },
    }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`push answered ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(text)
  })
}

async function unreadOnServer(app: AppServer, token: string): Promise<number> {
  const response = await fetch(`${app.url}${Paths.unreadCount}`, { headers: { Authorization: `Bearer ${token}` } })
  return ((await response.json()) as Envelope<{ count: number }>).data!.count
}

export async function runBrowser(browser: Browser, app: AppServer, settings: BrowserSettings): Promise<BrowserResult> {
  const USER = settings.user ?? 'user1'
  const admin = await app.login('admin', 'admin123')
  const session = await app.login(USER, 'user123')
  const context = await signedInContext(browser, session)
  await context.addInitScript({ content: PROBE_SCRIPT })
  const page = await context.newPage()
  const agent = new Agent({ keepAlive: true, maxSockets: 16 })
  const push = (label: string, index: number) => post(app, agent, admin.access_token, {
    user: USER,
    title: `${label} ${index + 1}`,
    content: `${String(index).padStart(6, '0')} 分析已完成`,
    type: 'analysis',
    link: '/notifications',
    source: 'bench',
  })
  const earlier = settings.earlier ?? 30
  try {
    for (let index = 0; index < earlier; index++)
      await push('Earlier', index)
    await page.goto(`${app.url}/notifications`)
    await page.waitForSelector('.bell__button')
    if (earlier > 0)
      await page.waitForSelector('main .notification-item')
    await waitUntil(async () => {
      const stats = await (await fetch(`${app.url}${Paths.stats}`)).json() as Stats
      return (stats.users[USER] ?? 0) >= 1
    }, 30_000, 'the page to open its notification socket', 100)
    await page.click('.bell__button')
    await page.waitForSelector('.bell-popover', { state: 'visible' })
    await sleep(500)

    const profiler = settings.profile ? await startPageProfile(page) : null
    await page.evaluate(() => window.__benchProbe.start())
    const started = performance.now()
    const sends: Promise<void>[] = []
    for (let index = 0; index < settings.pushes; index++) {
      const due = started + (index * settings.overMs) / settings.pushes
      const wait = due - performance.now()
      if (wait >= 2)
        await sleep(wait)
      sends.push(push('Burst', index))
    }
    await Promise.all(sends)
    const sendMs = performance.now() - started
    const serverUnread = await unreadOnServer(app, session.access_token)
    const bellCount = async () => Number((await page.getAttribute('.bell__button', 'aria-label'))?.match(/\d+/)?.[0] ?? 0)
    await waitUntil(async () => (await bellCount()) === serverUnread, 30_000, 'the bell to show the server\'s count', 20).catch(() => {})
    const settleMs = performance.now() - started
    await sleep(1000) // let trailing frames and tasks land in the record
    const report = await page.evaluate(() => window.__benchProbe.stop()) as ProbeReport
    const profile = profiler ? await profiler.stop() : undefined

    return {
      settings,
      sendMs,
      settleMs,
      longestTaskMs: Math.max(0, ...report.longTasks),
      longTasks: report.longTasks.length,
      longTaskTimeline: report.longTasks.map((duration, index) => `${duration.toFixed(0)} ms at +${report.longTaskStarts[index].toFixed(0)} ms`),
      frames: report.frameTimes.length,
      droppedFrames: droppedFrames(report.frameTimes),
      pageRows: await page.locator('main .notification-item').count(),
      popoverRows: await page.locator('.bell-popover .notification-item').count(),
      serverUnread,
      bellCount: await bellCount(),
      badgeText: (await page.textContent('.bell__badge sup'))?.trim() ?? '',
      badgeExact: (await bellCount()) === serverUnread,
      profile,
    }
  }
  finally {
    agent.destroy()
    await context.close()
  }
}
