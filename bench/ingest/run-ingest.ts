// Section "ingest": 10,000 pushed notifications into the notifications store, against the document's
// pattern, alternately in one child process; time, view updates and peak heap, and the ratio.
import { BenchChild } from '../lib/ipc'
import { median } from '../lib/median'
import type { IngestRun, Variant } from './ingest-process'

export interface IngestSettings {
  count: number
  /** Runs of our store; the median is reported. */
  storeRepeats: number
  /** Runs of the document's pattern (quadratic: at 10,000 one run takes a while). */
  patternRepeats: number
}

export interface IngestSummary {
  variant: Variant
  runs: IngestRun[]
  medianMs: number
  medianViewUpdates: number
  medianFrames: number
  peakHeapBytes: number
  retainedBytes: number
  held: number
  unreadShown: number
}

export interface IngestResult {
  settings: IngestSettings
  store: IngestSummary
  documentPattern: IngestSummary
  /** The harness's floor (bench/ingest/floor.ts): parse, keep, one update a frame; as many runs as ours. */
  floor: IngestSummary
  /** documentPattern.medianMs / store.medianMs */
  speedup: number
}

type Log = (line: string) => void

function summarize(variant: Variant, runs: IngestRun[]): IngestSummary {
  return {
    variant,
    runs,
    medianMs: median(runs.map(run => run.ms)),
    medianViewUpdates: median(runs.map(run => run.viewUpdates)),
    medianFrames: median(runs.map(run => run.frames)),
    peakHeapBytes: Math.max(...runs.map(run => run.peakHeapBytes)),
    retainedBytes: median(runs.map(run => run.retainedBytes)),
    held: runs[runs.length - 1].held,
    unreadShown: runs[runs.length - 1].unreadShown,
  }
}

export async function runIngest(settings: IngestSettings, log: Log): Promise<IngestResult> {
  const child = BenchChild.start('ingest', new URL('./ingest-process.ts', import.meta.url))
  try {
    await child.ready
    // A warm-up run of each, so neither variant pays for compiling the other's shared code; ours and the
    // floor at full size (their first full burst ran ~30 % slower, a sixth of the runs' median when 5 were
    // taken), the quadratic document's pattern small.
    await child.call('run', { variant: 'store', count: settings.count }, 600_000)
    await child.call('run', { variant: 'document-pattern', count: 500 })
    await child.call('run', { variant: 'floor', count: settings.count }, 600_000)
    const runs: Record<Variant, IngestRun[]> = { 'store': [], 'document-pattern': [], 'floor': [] }
    const wanted: Record<Variant, number> = { 'store': settings.storeRepeats, 'document-pattern': settings.patternRepeats, 'floor': settings.storeRepeats }
    // Alternating, so both see the same machine; the store's extra runs come last.
    for (let repeat = 0; repeat < Math.max(settings.storeRepeats, settings.patternRepeats); repeat++) {
      for (const variant of ['document-pattern', 'floor', 'store'] as const) {
        if (repeat >= wanted[variant])
          continue
        const result = await child.call<IngestRun>('run', { variant, count: settings.count }, 600_000)
        runs[variant].push(result)
        log(`  ingest ${variant}: ${result.ms.toFixed(0)} ms, ${result.viewUpdates} view updates over ${result.frames} frames`)
      }
    }
    const store = summarize('store', runs.store)
    const documentPattern = summarize('document-pattern', runs['document-pattern'])
    return { settings, store, documentPattern, floor: summarize('floor', runs.floor), speedup: documentPattern.medianMs / store.medianMs }
  }
  finally {
    await child.stop()
  }
}
