// A fleet of load-worker processes acting as one: clients are spread evenly over the workers, and
// their histograms are merged. Used by the fan-out and churn sections.
import { BenchChild } from '../lib/ipc'
import { LatencyHistogram } from '../lib/histogram'
import type { CollectResult, ConnectArgs, ConnectResult } from './load-worker'
import type { ClientKind, Endpoint } from './targets/types'

const WORKER_SCRIPT = new URL('./load-worker.ts', import.meta.url)

export interface FleetConnectResult {
  opened: number
  failed: number
  /** Wall time for all workers together. */
  ms: number
  firstError: string | null
}

export class LoadFleet {
  private constructor(private readonly workers: BenchChild[]) {}

  /** Starts enough workers for `clients` at `perWorker` each (at least one). */
  static async start(clients: number, perWorker: number, name = 'load'): Promise<LoadFleet> {
    const count = Math.max(1, Math.ceil(clients / perWorker))
    const workers = Array.from({ length: count }, (_, index) => BenchChild.start(`${name}-worker-${index}`, WORKER_SCRIPT))
    await Promise.all(workers.map(worker => worker.ready))
    return new LoadFleet(workers)
  }

  get size(): number {
    return this.workers.length
  }

  private split(total: number): number[] {
    const base = Math.floor(total / this.workers.length)
    return this.workers.map((_, index) => base + (index < total % this.workers.length ? 1 : 0))
  }

  /** Opens `total` clients across the workers in parallel, `concurrency` handshakes in flight per worker. */
  async connect(kind: ClientKind, endpoints: Endpoint[], total: number, concurrency: number): Promise<FleetConnectResult> {
    const started = performance.now()
    const parts = this.split(total)
    const results = await Promise.all(this.workers.map((worker, index) =>
      parts[index] === 0
        ? { opened: 0, failed: 0, ms: 0, firstError: null }
        : worker.call<ConnectResult>('connect', { kind, endpoints, count: parts[index], concurrency } satisfies ConnectArgs, 600_000)))
    return {
      opened: results.reduce((sum, result) => sum + result.opened, 0),
      failed: results.reduce((sum, result) => sum + result.failed, 0),
      ms: performance.now() - started,
      firstError: results.find(result => result.firstError)?.firstError ?? null,
    }
  }

  async reset(): Promise<void> {
    await Promise.all(this.workers.map(worker => worker.call('reset')))
  }

  /**
   * Waits until each worker has received `perClient` stamped frames on every client it holds (or the
   * timeout passes) and merges what they saw.
   */
  async collect(perClient: number, timeoutMs: number): Promise<{ receipts: number, clients: number, histogram: LatencyHistogram }> {
    const clientCounts = await Promise.all(this.workers.map(worker => worker.call<number>('clients')))
    const results = await Promise.all(this.workers.map((worker, index) =>
      worker.call<CollectResult>('collect', { expected: clientCounts[index] * perClient, timeoutMs }, timeoutMs + 30_000)))
    const histogram = new LatencyHistogram()
    for (const result of results)
      histogram.merge(result.histogram)
    return {
      receipts: results.reduce((sum, result) => sum + result.receipts, 0),
      clients: results.reduce((sum, result) => sum + result.clients, 0),
      histogram,
    }
  }

  /** Closes `count` clients (all by default), spread over the workers. */
  async closeAll(count?: number): Promise<number> {
    const started = performance.now()
    const parts = count === undefined ? this.workers.map(() => undefined) : this.split(count)
    await Promise.all(this.workers.map((worker, index) => worker.call('closeAll', { count: parts[index] }, 120_000)))
    return performance.now() - started
  }

  /** CPU seconds (user + system) the workers have used so far. */
  async cpuSeconds(): Promise<number> {
    const usages = await Promise.all(this.workers.map(worker => worker.call<NodeJS.CpuUsage>('cpu')))
    return usages.reduce((sum, usage) => sum + (usage.user + usage.system) / 1e6, 0)
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map(worker => worker.stop()))
  }
}
