// A load-generator process: holds a few thousand clients of one kind, records the delay from each
// stamped publish to its receipt here (shared monotonic clock), and reports histograms on request.
import { microsSince, sleep } from '../lib/clock'
import { LatencyHistogram } from '../lib/histogram'
import { serve } from '../lib/ipc'
import { openClient, type LoadClient } from './clients'
import type { ClientKind, Endpoint } from './targets/types'

export interface ConnectArgs {
  kind: ClientKind
  endpoints: Endpoint[]
  count: number
  /** Handshakes in flight at once in this worker. */
  concurrency: number
}

export interface ConnectResult {
  opened: number
  failed: number
  ms: number
  firstError: string | null
}

export interface CollectResult {
  receipts: number
  clients: number
  histogram: ReturnType<LatencyHistogram['toJSON']>
}

const clients: LoadClient[] = []
let histogram = new LatencyHistogram()
let receipts = 0
let endpointCursor = 0

function onStamp(stamp: string): void {
  histogram.record(microsSince(stamp))
  receipts++
}

async function connect({ kind, endpoints, count, concurrency }: ConnectArgs): Promise<ConnectResult> {
  const started = performance.now()
  let remaining = count
  let failed = 0
  let firstError: string | null = null
  async function lane(): Promise<void> {
    while (remaining > 0) {
      remaining--
      const endpoint = endpoints[endpointCursor++ % endpoints.length]
      try {
        clients.push(await openClient(kind, endpoint, onStamp))
      }
      catch (error) {
        failed++
        firstError ??= (error as Error).message
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane))
  return { opened: count - failed, failed, ms: performance.now() - started, firstError }
}

async function collect({ expected, timeoutMs }: { expected: number, timeoutMs: number }): Promise<CollectResult> {
  const deadline = Date.now() + timeoutMs
  while (receipts < expected && Date.now() < deadline)
    await sleep(5)
  return { receipts, clients: clients.length, histogram: histogram.toJSON() }
}

serve({
  connect: (args: ConnectArgs) => connect(args),
  reset: () => {
    histogram = new LatencyHistogram()
    receipts = 0
    return clients.length
  },
  clients: () => clients.length,
  collect: (args: { expected: number, timeoutMs: number }) => collect(args),
  closeAll: async ({ count }: { count?: number }) => {
    const started = performance.now()
    const leaving = clients.splice(0, count ?? clients.length)
    await Promise.all(leaving.map(client => client.close()))
    return { closed: leaving.length, ms: performance.now() - started }
  },
  cpu: () => process.cpuUsage(),
})
