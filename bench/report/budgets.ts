// The budgets of the performance issue, each checked against a run's results.
import type { BrowserResult } from '../browser/run-browser'
import { HEADLESS_BUDGET, type LibraryBundleResult } from '../bundle/library'
import type { BundleResult } from '../bundle/run-bundle'
import type { ChurnResult } from '../churn/run-churn'
import type { ConnectResult } from '../connect/run-connect'
import type { FanoutResult } from '../fanout/run-fanout'
import { bytes, ms, ratio } from '../lib/format'
import type { IngestResult } from '../ingest/run-ingest'
import type { InboxResult } from '../inbox/run-inbox'
import type { StormResult } from '../storm/run-storm'
import { connectBudgets } from './connect'
import { stormBudgets } from './storm'

export interface RunResults {
  fanout?: FanoutResult[]
  connect?: ConnectResult
  churn?: ChurnResult
  ingest?: IngestResult
  inbox?: InboxResult
  browser?: BrowserResult
  bundle?: BundleResult
  storm?: StormResult[]
  /** What tidings + tidings/vue and the Element Plus bell add to a consumer's bundle. */
  library?: LibraryBundleResult
}

export interface BudgetLine {
  budget: string
  measured: string
  pass: boolean | null
}

const FIRST_PAGE_BUDGET = 120 * 1024
const LOGIN_PAGE_BUDGET = 100 * 1024
const INGEST_BUDGET_MS = 50
const HEAP_PER_CONNECTION_BUDGET = 6 * 1024
/** Rows a screen can show: the page size of the list and the bell's limit. */
const VISIBLE_ROWS = 20

function largest(results: FanoutResult[]): { n: number, row: (id: FanoutResult['target']) => FanoutResult | undefined } {
  const n = Math.max(...results.map(result => result.n))
  return { n, row: id => results.find(result => result.n === n && result.target === id) }
}

/** Frames delivered per second over the sustained phase, its drain included (the table's figure). */
const framesPerSecond = (result: FanoutResult) => result.sustained.delivered / (result.sustained.publishSec + result.sustained.drainMs / 1000)

function fanoutBudgets(results: FanoutResult[]): BudgetLine[] {
  const { n, row } = largest(results)
  const ours = row('tidings')
  const bare = row('bare-ws')
  const sio = row('socket.io')
  if (!ours)
    return []
  const at = `N=${n.toLocaleString('en-US')}`
  const lines: BudgetLine[] = [
    { budget: `Broadcast to all, p95 < 100 ms (${at})`, measured: ms(ours.broadcast.p95Ms), pass: ours.broadcast.p95Ms < 100 },
    { budget: `Broadcast to all, p99 < 200 ms (${at})`, measured: ms(ours.broadcast.p99Ms), pass: ours.broadcast.p99Ms < 200 },
    { budget: `Every client got every broadcast (${at})`, measured: `${ours.broadcast.delivered}/${ours.broadcast.expected}`, pass: ours.broadcast.delivered === ours.broadcast.expected },
  ]
  if (bare) {
    lines.push(
      { budget: 'Within 1.3x of the bare ws floor, p95', measured: `${ratio(ours.broadcast.p95Ms, bare.broadcast.p95Ms)} (${ms(ours.broadcast.p95Ms)} vs ${ms(bare.broadcast.p95Ms)})`, pass: ours.broadcast.p95Ms <= 1.3 * bare.broadcast.p95Ms },
      { budget: 'Within 1.3x of the bare ws floor, p99', measured: `${ratio(ours.broadcast.p99Ms, bare.broadcast.p99Ms)} (${ms(ours.broadcast.p99Ms)} vs ${ms(bare.broadcast.p99Ms)})`, pass: ours.broadcast.p99Ms <= 1.3 * bare.broadcast.p99Ms },
    )
  }
  if (sio) {
    lines.push(
      { budget: 'At least as fast as Socket.IO, p95', measured: `${ratio(ours.broadcast.p95Ms, sio.broadcast.p95Ms)} (${ms(ours.broadcast.p95Ms)} vs ${ms(sio.broadcast.p95Ms)})`, pass: ours.broadcast.p95Ms <= sio.broadcast.p95Ms },
      { budget: 'At least as fast as Socket.IO, p99', measured: `${ratio(ours.broadcast.p99Ms, sio.broadcast.p99Ms)} (${ms(ours.broadcast.p99Ms)} vs ${ms(sio.broadcast.p99Ms)})`, pass: ours.broadcast.p99Ms <= sio.broadcast.p99Ms },
      { budget: 'Heap per connection ≤ 2/3 of Socket.IO\'s', measured: `${ratio(ours.memory.heapPerConn, sio.memory.heapPerConn)} (${bytes(ours.memory.heapPerConn)} vs ${bytes(sio.memory.heapPerConn)})`, pass: ours.memory.heapPerConn <= (2 / 3) * sio.memory.heapPerConn },
    )
  }
  if (bare && ours.sustained.expected > 0 && bare.sustained.expected > 0) {
    const [oursRate, bareRate] = [framesPerSecond(ours), framesPerSecond(bare)]
    lines.push({ budget: `Sustained: frames/s delivered ≥ 0.95x bare ws (${at})`, measured: `${ratio(oursRate, bareRate)} (${Math.round(oursRate)} vs ${Math.round(bareRate)})`, pass: oursRate >= 0.95 * bareRate })
  }
  lines.push({ budget: `Heap per idle connection ≤ 6 KB (${at})`, measured: bytes(ours.memory.heapPerConn), pass: ours.memory.heapPerConn <= HEAP_PER_CONNECTION_BUDGET })
  return lines
}

function churnBudgets(churn: ChurnResult): BudgetLine[] {
  const worstHeap = Math.max(...churn.waves.map(wave => wave.heapDelta))
  const left = Math.max(...churn.waves.map(wave => wave.registryLeft))
  const drift = churn.waves.flatMap(wave => Object.entries(wave.drift).map(([name, delta]) => `wave ${wave.wave}: ${name} ${delta > 0 ? '+' : ''}${delta}`))
  return [
    { budget: `Churn: heap within 10% of baseline after each wave (${churn.waves.length} × 0 → ${churn.settings.peak.toLocaleString('en-US')} → 0, after a warm-up wave)`, measured: churn.waves.map(wave => `${(wave.heapDelta * 100).toFixed(1)}%`).join(', '), pass: worstHeap <= 0.1 },
    { budget: 'Churn: zero entries left in any registry', measured: String(left), pass: left === 0 },
    { budget: 'Churn: timers, handles and listeners back to baseline', measured: drift.length ? drift.join('; ') : 'no difference', pass: drift.length === 0 },
  ]
}

function ingestBudgets(ingest: IngestResult): BudgetLine[] {
  const { store, documentPattern } = ingest
  return [
    { budget: `Ingest of ${ingest.settings.count.toLocaleString('en-US')}: ≥ 10x faster than the document's pattern`, measured: `${ingest.speedup.toFixed(1)}x (${ms(store.medianMs)} vs ${ms(documentPattern.medianMs, 0)})`, pass: ingest.speedup >= 10 },
    { budget: `Ingest of ${ingest.settings.count.toLocaleString('en-US')}: ≤ ${INGEST_BUDGET_MS} ms to reach the view (median)`, measured: `${ms(store.medianMs)} (the harness's floor: ${ms(ingest.floor.medianMs)})`, pass: store.medianMs <= INGEST_BUDGET_MS },
    { budget: 'Ingest: one reactive update per animation frame, not per message', measured: `${store.medianViewUpdates} view updates over ${store.medianFrames} frames (document's pattern: ${documentPattern.medianViewUpdates})`, pass: store.medianViewUpdates <= Math.max(1, store.medianFrames) },
  ]
}

function browserBudgets(browser: BrowserResult): BudgetLine[] {
  return [
    { budget: `Browser burst (${browser.settings.pushes} pushes in ${browser.settings.overMs / 1000} s): no main-thread task over 50 ms`, measured: browser.longTasks ? `longest ${ms(browser.longestTaskMs)}, ${browser.longTasks} long task(s)` : 'none over 50 ms', pass: browser.longTasks === 0 },
    { budget: 'Browser burst: the list renders only what is visible', measured: `${browser.pageRows} rows on the page, ${browser.popoverRows} in the popover`, pass: browser.pageRows <= VISIBLE_ROWS && browser.popoverRows <= VISIBLE_ROWS },
    { budget: 'Browser burst: the badge ends exact', measured: `bell says ${browser.bellCount}, badge "${browser.badgeText}", server ${browser.serverUnread}`, pass: browser.badgeExact },
  ]
}

function bundleBudgets(bundle: BundleResult): BudgetLine[] {
  return [
    { budget: 'Bundle: ≤ 120 KB gzip of JavaScript for the first authenticated page', measured: bytes(bundle.firstAuthenticated.gzip), pass: bundle.firstAuthenticated.gzip <= FIRST_PAGE_BUDGET },
    { budget: 'Bundle: ≤ 100 KB gzip of JavaScript for /login', measured: bytes(bundle.login.gzip), pass: bundle.login.gzip <= LOGIN_PAGE_BUDGET },
    { budget: 'Bundle: Element Plus on demand, routes split', measured: `${bundle.routeChunks.length} route chunks; unused Element Plus components loaded: ${bundle.unusedElementPlusFound.join(', ') || 'none'}`, pass: bundle.routeChunks.length > 1 && bundle.unusedElementPlusFound.length === 0 },
  ]
}

function libraryBudgets({ headless }: LibraryBundleResult): BudgetLine[] {
  return [{
    budget: 'Library: ≤ 15 KB gzip for tidings + tidings/vue in a consumer\'s bundle (Vue and Pinia excluded)',
    measured: headless.error ? `not built: ${headless.error}` : bytes(headless.gzip),
    pass: headless.error ? null : headless.gzip <= HEADLESS_BUDGET,
  }]
}

export function budgetLines(results: RunResults): BudgetLine[] {
  return [
    ...(results.fanout?.length ? fanoutBudgets(results.fanout) : []),
    ...(results.connect ? connectBudgets(results.connect) : []),
    ...(results.churn ? churnBudgets(results.churn) : []),
    ...(results.storm?.length ? stormBudgets(results.storm) : []),
    ...(results.ingest ? ingestBudgets(results.ingest) : []),
    ...(results.browser ? browserBudgets(results.browser) : []),
    ...(results.bundle ? bundleBudgets(results.bundle) : []),
    ...(results.library ? libraryBudgets(results.library) : []),
  ]
}
