// Memory of the current process after full garbage collection (children run with --expose-gc), so two
// readings differ by what is really retained, not by when V8 last collected.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8'

export interface MemoryReading {
  heapUsed: number
  heapTotal: number
  /** Buffers and other memory outside the V8 heap but owned by JS objects. */
  external: number
  arrayBuffers: number
  rss: number
}

const collect = () => (globalThis as { gc?: () => void }).gc

export async function settledMemory(): Promise<MemoryReading> {
  const gc = collect()
  if (!gc)
    throw new Error('run with --expose-gc to measure memory')
  // Several rounds with turns of the event loop between, so weak callbacks and finalizers run too.
  for (let round = 0; round < 4; round++) {
    gc()
    await new Promise(resolve => setImmediate(resolve))
  }
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage()
  return { heapUsed, heapTotal, external, arrayBuffers, rss }
}

/** Cheap heap reading (no GC) for sampling peaks inside a loop. */
export function heapNow(): number {
  return getHeapStatistics().used_heap_size
}

/** Counts of the resources keeping the event loop alive, by type (TCPSocketWrap, Timeout, ...). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const type of process.getActiveResourcesInfo())
    counts[type] = (counts[type] ?? 0) + 1
  return counts
}

/** Bytes in use per V8 heap space (old_space, code_space, large_object_space, ...), read after settledMemory(). */
export function heapSpaces(): Record<string, number> {
  return Object.fromEntries(getHeapSpaceStatistics().map(space => [space.space_name, space.space_used_size]))
}
