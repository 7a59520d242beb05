// The report's tables, one function per section, in markdown that also reads well in a terminal.
import type { BrowserResult } from '../browser/run-browser'
import type { LibraryBundleResult } from '../bundle/library'
import type { BundleResult } from '../bundle/run-bundle'
import type { ChurnResult, Snapshot, WaveResult } from '../churn/run-churn'
import type { HeapGrowth } from '../lib/heap-summary'
import type { FanoutResult } from '../fanout/run-fanout'
import { TARGET_LABELS } from '../fanout/target'
import { bytes, count, ms, percent, ratio, table, verdict } from '../lib/format'
import type { HotFunction } from '../lib/profile-summary'
import type { IngestResult, IngestSummary } from '../ingest/run-ingest'
import type { InboxResult } from '../inbox/run-inbox'
import type { Machine } from '../lib/machine'
import { MAX_NOTIFICATIONS_PER_USER } from '../../src/protocol'
import type { BudgetLine } from './budgets'

const n = (value: number) => count(value)
const label = (result: FanoutResult) => TARGET_LABELS[result.target]

export function machineSection(machine: Machine, command: string): string {
  const load = (values: number[] | null) => (values ? values.map(value => value.toFixed(2)).join(' / ') : 'n/a')
  return [
    `- Date: ${machine.date}`,
    `- Command: \`${command}\``,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, Node ${machine.node}, open-file limit ${machine.openFileLimit}`,
    `- Load average (1 / 5 / 15 min) at start: ${load(machine.loadAtStart)}; at end: ${load(machine.loadAtEnd)}`,
  ].join('\n')
}

export function budgetTable(lines: BudgetLine[]): string {
  return table(['Budget', 'Measured', 'Verdict'], lines.map(line => [line.budget, line.measured, verdict(line.pass)]))
}

export function fanoutTables(results: FanoutResult[]): string {
  const connect = table(
    ['N', 'Server', 'Connect rate', 'Heap / conn', 'RSS / conn', 'External / conn'],
    results.map(result => [n(result.n), label(result), `${n(result.connect.perSec)}/s`, bytes(result.memory.heapPerConn), bytes(result.memory.rssPerConn), bytes(result.memory.externalPerConn)]),
  )
  const broadcast = table(
    ['N', 'Server', 'p50', 'p95', 'p99', 'max', 'Delivered', 'Publish answered (median)'],
    results.map(result => [n(result.n), label(result), ms(result.broadcast.p50Ms), ms(result.broadcast.p95Ms), ms(result.broadcast.p99Ms), ms(result.broadcast.maxMs), `${n(result.broadcast.delivered)}/${n(result.broadcast.expected)}`, ms(result.broadcast.publishMsMedian)]),
  )
  const sustained = table(
    ['N', 'Server', 'Published (failed)', 'Publishes/s', 'p50', 'p95', 'p99', 'Delivered', 'Frames/s delivered', 'Drain after last', 'Server CPU', 'Clients CPU'],
    results.map(result => [n(result.n), label(result), `${result.sustained.sent} (${result.sustained.publishErrors})`, Number.isFinite(result.sustained.achievedRate) ? result.sustained.achievedRate.toFixed(0) : 'n/a', ms(result.sustained.p50Ms), ms(result.sustained.p95Ms), ms(result.sustained.p99Ms), percent(result.sustained.delivered / result.sustained.expected), n(result.sustained.delivered / (result.sustained.publishSec + result.sustained.drainMs / 1000)), ms(result.sustained.drainMs, 0), percent(result.sustained.serverCpu, 0), percent(result.sustained.workerCpu, 0)]),
  )
  const ratios: (string | number)[][] = []
  for (const size of [...new Set(results.map(result => result.n))]) {
    const ours = results.find(result => result.n === size && result.target === 'tidings')
    if (!ours)
      continue
    for (const [peer, name] of [['bare-ws', 'ours / bare ws'], ['socket.io', 'ours / Socket.IO']] as const) {
      const other = results.find(result => result.n === size && result.target === peer)
      if (!other)
        continue
      ratios.push([
        n(size),
        name,
        ratio(ours.broadcast.p50Ms, other.broadcast.p50Ms),
        ratio(ours.broadcast.p95Ms, other.broadcast.p95Ms),
        ratio(ours.broadcast.p99Ms, other.broadcast.p99Ms),
        ratio(ours.sustained.p95Ms, other.sustained.p95Ms),
        ratio(ours.memory.heapPerConn, other.memory.heapPerConn),
        ratio(ours.connect.perSec, other.connect.perSec),
      ])
    }
  }
  const ratioTable = table(['N', 'Ratio', 'Broadcast p50', 'Broadcast p95', 'Broadcast p99', 'Sustained p95', 'Heap / conn', 'Connect rate'], ratios)
  return [
    '### Connections and memory per idle connection',
    connect,
    '### One broadcast to every connection (publish → receipt)',
    broadcast,
    '### Sustained broadcasts, 100 per second (publish → receipt, backlog included)',
    sustained,
    '### Ratios (below 1.00x: ours is lower — faster for latency, smaller for heap; above 1.00x for connect rate: ours is faster)',
    ratioTable,
  ].join('\n\n')
}

function waveRow(churn: ChurnResult, wave: WaveResult, against: Snapshot): (string | number)[] {
  return [
    wave.wave === 0 ? '0 (warm-up, not judged)' : wave.wave,
    `${n(wave.opened)} (${n(Math.round(churn.settings.peak * churn.settings.sseShare))} SSE)`,
    n(wave.registeredAtPeak),
    `${n(wave.deliveredAtPeak)}/${n(wave.opened)}`,
    bytes(wave.heapAtPeak - against.memory.heapUsed),
    `${bytes(wave.after.memory.heapUsed)} (${wave.heapDelta >= 0 ? '+' : ''}${(wave.heapDelta * 100).toFixed(1)}%)`,
    wave.registryLeft,
    Object.keys(wave.drift).length ? Object.entries(wave.drift).map(([name, delta]) => `${name} ${delta > 0 ? '+' : ''}${delta}`).join(', ') : 'none',
  ]
}

const growthTable = (growth: HeapGrowth[]) => table(['Type:constructor', 'Objects', 'Bytes'], growth.map(entry => [entry.key, `${entry.count >= 0 ? '+' : ''}${n(entry.count)}`, `+${bytes(entry.bytes)}`]))

export function churnTable(churn: ChurnResult): string {
  const registries = Object.keys(churn.baseline.internals.registry).join(', ') || 'n/a'
  return [
    `Heap ${bytes(churn.cold.memory.heapUsed)} at start, ${bytes(churn.warm.memory.heapUsed)} after a 50-connection wave, **baseline ${bytes(churn.baseline.memory.heapUsed)}** after the full-size warm-up wave 0 (wave 0 is compared with the 50-connection reading; waves 1–3 with the baseline). Registries checked: ${registries}; plus active handles and timers (process.getActiveResourcesInfo), listeners on the HTTP server and the process, and the HTTP server's open sockets.`,
    '',
    table(['Wave', 'Opened', 'Registered at peak', 'Got the broadcast', 'Heap at peak (over the reading before)', 'Heap after (vs the reading before)', 'Registry entries left', 'Handles / timers / listeners changed'], [
      waveRow(churn, churn.firstWave, churn.warm),
      ...churn.waves.map(wave => waveRow(churn, wave, churn.baseline)),
    ]),
    '',
    `What wave 0 left (heap snapshots before and after it, grouped by type and constructor; V8 spaces: ${spaceGrowth(churn.warm, churn.baseline)}):`,
    '',
    growthTable(churn.firstWaveGrowth),
    '',
    `What waves 1–3 left on top of the baseline (V8 spaces: ${spaceGrowth(churn.baseline, churn.waves[churn.waves.length - 1]?.after ?? churn.baseline)}):`,
    '',
    growthTable(churn.growth),
  ].join('\n')
}

function spaceGrowth(before: Snapshot, after: Snapshot): string {
  return Object.entries(after.spaces)
    .map(([space, used]) => [space, used - (before.spaces[space] ?? 0)] as const)
    .filter(([, delta]) => Math.abs(delta) >= 1024)
    .map(([space, delta]) => `${space} ${delta >= 0 ? '+' : ''}${bytes(delta)}`)
    .join(', ') || 'no change'
}

export function ingestTable(ingest: IngestResult): string {
  const labels: Record<IngestSummary['variant'], string> = {
    'store': 'useNotificationsStore',
    'document-pattern': 'document\'s pattern (reactive array, scan + unshift)',
    'floor': 'floor: the harness alone (parse, keep, one update a frame; no dedupe, order or cap)',
  }
  const rows = [ingest.store, ingest.floor, ingest.documentPattern].map(summary => [
    labels[summary.variant],
    summary.runs.length,
    ms(summary.medianMs),
    n(summary.medianViewUpdates),
    n(summary.medianFrames),
    bytes(summary.peakHeapBytes),
    bytes(summary.retainedBytes),
    `${n(summary.held)} held, badge ${n(summary.unreadShown)}`,
  ])
  return [
    table(['Store', 'Runs', 'Time (median)', 'View updates', 'Frames', 'Peak heap', 'Retained after GC', 'End state'], rows),
    '',
    `Ratio: the store is **${ingest.speedup.toFixed(1)}x** faster than the document's pattern for ${n(ingest.settings.count)} arrivals; it takes ${ms(ingest.store.medianMs - ingest.floor.medianMs)} more than the floor, the least any store takes in this harness.`,
    '',
    `Our badge stops at ${n(MAX_NOTIFICATIONS_PER_USER)} because the server keeps a user's newest ${n(MAX_NOTIFICATIONS_PER_USER)} (it asks the server again once past it); the store holds a bounded window of rows and fetches older pages on demand.`,
  ].join('\n')
}

export function browserTable(browser: BrowserResult): string {
  return table(['Measure', 'Value'], [
    ['Pushes sent (all answered) in', ms(browser.sendMs, 0)],
    ['Bell showed the server\'s exact count after', ms(browser.settleMs, 0)],
    ['Longest main-thread task', browser.longTasks ? ms(browser.longestTaskMs) : 'none over 50 ms'],
    ['Long tasks (> 50 ms)', browser.longTasks ? `${browser.longTasks}: ${(browser.longTaskTimeline ?? []).join(', ')}` : 0],
    ['Frames painted / dropped (60 Hz)', `${browser.frames} / ${browser.droppedFrames}`],
    ['Rows in the DOM: page / popover', `${browser.pageRows} / ${browser.popoverRows}`],
    ['Badge / bell\'s accessible count / server unread', `"${browser.badgeText}" / ${browser.bellCount} / ${browser.serverUnread}`],
  ])
}

export function bundleTable(bundle: BundleResult): string {
  const rows = [bundle.login, bundle.firstAuthenticated].map(page => [page.path, page.files.length, bytes(page.bytes), bytes(page.gzip), `${bytes(page.usable.gzip)} (${page.usable.files} files)`])
  const files = table(['File (first authenticated page)', 'Size', 'gzip'], bundle.firstAuthenticated.files
    .slice()
    .sort((a, b) => b.gzip - a.gzip)
    .map(file => [file.name, bytes(file.bytes), bytes(file.gzip)]))
  const parts = table(['Package or app folder (first authenticated page)', 'Size', 'gzip (share, est.)'], bundle.composition
    .filter(group => group.bytes >= 1024)
    .map(group => [group.group, bytes(group.bytes), bytes(group.gzipEstimate)]))
  return [
    table(['Page', 'JS files', 'JS size', 'JS gzip (level 9)', 'gzip requested before usable'], rows),
    '',
    parts,
    '',
    `Build: ${ms(bundle.buildMs, 0)}, ${bundle.totalFiles} JS files, ${bytes(bundle.totalGzip)} gzip in all; route chunks: ${bundle.routeChunks.map(name => name.replace(/-[\w-]+\.js$/, '')).join(', ')}.`,
    '',
    files,
  ].join('\n')
}

export function libraryTable({ headless, bell }: LibraryBundleResult): string {
  const row = (what: string, bundle: LibraryBundleResult['headless']) => bundle.error
    ? [what, `\`${bundle.imports}\``, 'not built', bundle.error]
    : [what, `\`${bundle.imports}\``, bytes(bundle.bytes), bytes(bundle.gzip)]
  return [
    table(['Consumer bundle (minified)', 'Entry', 'JS size', 'JS gzip (level 9)'], [
      row('tidings + tidings/vue (vue, pinia external)', headless),
      row('tidings/element-plus bell (vue, pinia, Element Plus external)', bell),
    ]),
    '',
    'Built from the package as packed (`vite.lib.config.ts`), bundled by Vite as an installing app would; the bell\'s CSS (dist-lib/browser/element-plus.css) is not counted.',
    ...([['tidings + tidings/vue', headless], ['The bell', bell]] as const).filter(([, bundle]) => !bundle.error).map(([what, bundle]) =>
      `${what} is made of (gzip, est.): ${bundle.composition.filter(group => group.bytes >= 200).map(group => `${group.group} ${bytes(group.gzipEstimate)}`).join(', ')}.`),
  ].join('\n')
}

export function profileTable(name: string, hot: HotFunction[]): string {
  return [`CPU profile \`${name}\` (self time):`, '', table(['Function', 'Where', 'Self', 'Share'], hot.map(entry => [entry.name, entry.where, ms(entry.selfMs, 0), percent(entry.share)]))].join('\n')
}

export function pageProfileTables(result: BrowserResult): string {
  if (!result.profile)
    return ''
  const rows = (spots: NonNullable<BrowserResult['profile']>['byGroup']) => spots.map(spot => [spot.where, ms(spot.selfMs, 0), percent(spot.share)])
  return [
    `Page CPU profile during a second burst (profiled, so slower: longest task ${ms(result.longestTaskMs)}, ${result.longTasks} long tasks). Self time by package or app folder:`,
    '',
    table(['Package / folder', 'Self', 'Share'], rows(result.profile.byGroup)),
    '',
    'By function (source-mapped):',
    '',
    table(['Function and source', 'Self', 'Share'], rows(result.profile.byFunction)),
  ].join('\n')
}

export function inboxTable(inbox: InboxResult): string {
  const rows = inbox.after.map((after, index) => {
    const before = inbox.before[index]!
    return [`\`${after.query}\``, n(after.matched), ms(before.p50Ms), ms(before.p95Ms), ms(after.p50Ms), ms(after.p95Ms), ratio(before.p95Ms, after.p95Ms)]
  })
  return [
    `${n(inbox.settings.perUser)} notifications for each of two users (40% unread, 5% done, 2% snoozed), as user1; ${inbox.settings.requests} timed requests per query over HTTP, one at a time. Before: the same file without migration 4's indexes (schema 3's \`(user_id, status)\` back).`,
    table(['Query', 'Matched', 'Before p50', 'Before p95', 'After p50', 'After p95', 'p95 before / after'], rows),
  ].join('\n\n')
}
