// Section "churn": waves of 0 → N → 0 connections to our server, WebSockets and SSE streams mixed,
// with one broadcast at each peak. A first full-size wave warms the server up; after each of the next
// three, the heap (after GC), every registry index, the timers, the handles and the listeners must be
// back where they were after that first wave.
import { sleep } from '../lib/clock'
import { heapGrowth, type HeapGroup, type HeapGrowth } from '../lib/heap-summary'
import type { MemoryReading } from '../lib/memory'
import { LoadFleet } from '../fanout/fleet'
import { TargetHandle } from '../fanout/target'

export interface ChurnSettings {
  peak: number
  waves: number
  /** Share of the peak that are SSE streams; the rest are WebSockets. */
  sseShare: number
  perWorker: number
  concurrency: number
}

export interface Internals {
  registry: Record<string, number>
  listeners: Record<string, number>
  httpConnections: number
}

export interface Snapshot {
  memory: MemoryReading
  /** Heap in use per V8 space: tells compiled code and caches (code, old space) from live objects. */
  spaces: Record<string, number>
  internals: Internals
  /** Active handles and (ref'ed) timers by type. */
  resources: Record<string, number>
}

export interface WaveResult {
  wave: number
  opened: number
  failed: number
  connectMs: number
  closeMs: number
  /** Registry size at the peak (all connections, as the server counts them). */
  registeredAtPeak: number
  /** Clients that received the broadcast made at the peak. */
  deliveredAtPeak: number
  heapAtPeak: number
  after: Snapshot
  /** (heap after − warm baseline) / warm baseline */
  heapDelta: number
  /** Registry entries left after the wave, all indexes together. */
  registryLeft: number
  /** Resource and listener counts that differ from the baseline (name → after − baseline). */
  drift: Record<string, number>
}

export interface ChurnResult {
  settings: ChurnSettings
  /** Right after start. */
  cold: Snapshot
  /** After a 50-connection wave. */
  warm: Snapshot
  /** The full-size warm-up wave (compared with `warm`; not judged). */
  firstWave: WaveResult
  /** What wave 0 left, by type:constructor (one-time costs). */
  firstWaveGrowth: HeapGrowth[]
  /** After wave 0: what the judged waves are compared with. */
  baseline: Snapshot
  waves: WaveResult[]
  /** Heap snapshot groups (type:constructor) that grew most from the baseline to after the last wave. */
  growth: HeapGrowth[]
}

type Log = (line: string) => void

async function snapshot(target: TargetHandle): Promise<Snapshot> {
  const memory = await target.memory()
  const spaces = await target.child.call<Record<string, number>>('heapSpaces')
  const internals = await target.child.call<Internals>('internals')
  const resources = await target.child.call<Record<string, number>>('resources')
  return { memory, spaces, internals, resources }
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0)
}

function counters(shot: Snapshot): Record<string, number> {
  return {
    ...Object.fromEntries(Object.entries(shot.resources).map(([name, value]) => [`resource.${name}`, value])),
    ...Object.fromEntries(Object.entries(shot.internals.listeners).map(([name, value]) => [`listeners.${name}`, value])),
    'http.openSockets': shot.internals.httpConnections,
  }
}

function driftOf(baseline: Snapshot, after: Snapshot): Record<string, number> {
  const before = counters(baseline)
  const now = counters(after)
  const drift: Record<string, number> = {}
  for (const name of new Set([...Object.keys(before), ...Object.keys(now)])) {
    const delta = (now[name] ?? 0) - (before[name] ?? 0)
    if (delta !== 0)
      drift[name] = delta
  }
  return drift
}

async function wave(target: TargetHandle, fleet: LoadFleet, size: number, sseShare: number, concurrency: number) {
  const sse = Math.round(size * sseShare)
  const { endpoints } = target.info
  const ws = await fleet.connect('tidings', endpoints, size - sse, concurrency)
  const streams = await fleet.connect('sse', endpoints, sse, concurrency)
  return { opened: ws.opened + streams.opened, failed: ws.failed + streams.failed, ms: ws.ms + streams.ms, firstError: ws.firstError ?? streams.firstError }
}

/** One wave 0 → peak → 0 with a broadcast at the peak, compared with `baseline` afterwards. */
async function runWave(index: number, target: TargetHandle, fleet: LoadFleet, baseline: Snapshot, settings: ChurnSettings, log: Log): Promise<WaveResult> {
  const opened = await wave(target, fleet, settings.peak, settings.sseShare, settings.concurrency)
  if (opened.failed)
    log(`  churn wave ${index}: ${opened.failed} connects failed (first: ${opened.firstError})`)
  await target.waitForConnections(opened.opened)
  const registeredAtPeak = await target.connections()
  await fleet.reset()
  await target.publisher.publish()
  const { receipts } = await fleet.collect(1, 30_000)
  const heapAtPeak = (await target.memory()).heapUsed
  const closeMs = await fleet.closeAll()
  await target.waitForConnections(0)
  await sleep(200)
  const after = await snapshot(target)
  const result: WaveResult = {
    wave: index,
    opened: opened.opened,
    failed: opened.failed,
    connectMs: opened.ms,
    closeMs,
    registeredAtPeak,
    deliveredAtPeak: receipts,
    heapAtPeak,
    after,
    heapDelta: (after.memory.heapUsed - baseline.memory.heapUsed) / baseline.memory.heapUsed,
    registryLeft: sumValues(after.internals.registry),
    drift: driftOf(baseline, after),
  }
  log(`  churn wave ${index}: peak ${registeredAtPeak}, heap ${(result.heapDelta * 100).toFixed(1)}% vs baseline, registry entries left ${result.registryLeft}`)
  return result
}

export async function runChurn(settings: ChurnSettings, log: Log): Promise<ChurnResult> {
  const target = await TargetHandle.start('tidings')
  const fleet = await LoadFleet.start(settings.peak, settings.perWorker, 'churn')
  const heapSummary = () => target.child.call<Record<string, HeapGroup>>('heapSummary', {}, 120_000)
  try {
    const cold = await snapshot(target)
    // A small wave first; it publishes too, so the publisher's keep-alive socket is in every reading.
    await wave(target, fleet, 50, settings.sseShare, settings.concurrency)
    await target.publisher.publish()
    await fleet.collect(1, 10_000)
    await fleet.closeAll()
    await target.waitForConnections(0)
    await sleep(200)
    const warm = await snapshot(target)
    const warmHeap = await heapSummary()
    // Wave 0 at full size: what it leaves is paid once (code compiled for the hot paths, Node's pool of
    // up to 1,000 HTTP parsers). It is reported, and the judged waves are compared with the heap after it.
    const firstWave = await runWave(0, target, fleet, warm, settings, log)
    const baseline = firstWave.after
    const baselineHeap = await heapSummary()
    const waves: WaveResult[] = []
    for (let index = 1; index <= settings.waves; index++)
      waves.push(await runWave(index, target, fleet, baseline, settings, log))
    return {
      settings,
      cold,
      warm,
      firstWave,
      firstWaveGrowth: heapGrowth(warmHeap, baselineHeap),
      baseline,
      waves,
      growth: heapGrowth(baselineHeap, await heapSummary()),
    }
  }
  finally {
    await fleet.closeAll().catch(() => {})
    await fleet.stop()
    await target.stop()
  }
}
