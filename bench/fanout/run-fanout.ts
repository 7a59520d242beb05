// Section "fanout": for each N and each server (ours, bare ws, Socket.IO, one after the other in the
// same run), connect N authenticated clients from worker processes, then measure the connect rate,
// heap/RSS per idle connection, one broadcast to all, and a sustained broadcast rate.
import { msSince, sleep } from '../lib/clock'
import { LatencyHistogram, summarize, type LatencySummary } from '../lib/histogram'
import type { MemoryReading } from '../lib/memory'
import { LoadFleet } from './fleet'
import { TargetHandle } from './target'
import type { TargetId } from './targets/types'

export interface FanoutSettings {
  sizes: number[]
  targets: TargetId[]
  /** Measured single broadcasts per N (after two warm-up ones). */
  rounds: number
  /** Broadcasts per second in the sustained phase. */
  sustainRate: number
  sustainSec: number
  /** How long to wait, after the last sustained publish, for the backlog to reach every client. */
  drainTimeoutSec: number
  /** Clients per load-worker process. */
  perWorker: number
  /** Handshakes in flight per worker. */
  concurrency: number
  /** Record a CPU profile of each server process. */
  profile: boolean
}

export interface DeliveryResult extends LatencySummary {
  expected: number
  delivered: number
}

export interface FanoutResult {
  target: TargetId
  n: number
  connect: { opened: number, failed: number, ms: number, perSec: number, firstError: string | null }
  memory: { before: MemoryReading, after: MemoryReading, heapPerConn: number, rssPerConn: number, externalPerConn: number }
  broadcast: DeliveryResult & { rounds: number, publishMsMedian: number }
  sustained: DeliveryResult & {
    sent: number
    publishSec: number
    achievedRate: number
    /** Time after the last publish until the last frame arrived. */
    drainMs: number
    /** Server CPU seconds per wall second over the phase (1.0 = one core). */
    serverCpu: number
    workerCpu: number
    publishErrors: number
  }
}

type Log = (line: string) => void

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

async function sustain(target: TargetHandle, rate: number, seconds: number): Promise<{ sent: number, errors: number, ms: number }> {
  const total = Math.round(rate * seconds)
  const interval = 1000 / rate
  const start = performance.now()
  const inflight: Promise<unknown>[] = []
  let errors = 0
  for (let index = 0; index < total; index++) {
    const wait = start + index * interval - performance.now()
    if (wait >= 1)
      await sleep(wait)
    inflight.push(target.publisher.publish().catch(() => errors++))
  }
  await Promise.all(inflight)
  return { sent: total - errors, errors, ms: performance.now() - start }
}

function delivery(histogram: LatencyHistogram, expected: number, delivered: number): DeliveryResult {
  return { ...summarize(histogram), expected, delivered }
}

async function measure(id: TargetId, n: number, settings: FanoutSettings, log: Log): Promise<FanoutResult> {
  const target = await TargetHandle.start(id, settings.profile ? `fanout-${id}-${n}` : undefined)
  const fleet = await LoadFleet.start(n, settings.perWorker, id)
  const { endpoints } = target.info
  try {
    // Warm-up: JIT, lazy module state and caches, so the baseline below is the idle server.
    const warm = Math.min(50, n)
    await fleet.connect(target.clientKind, endpoints, warm, settings.concurrency)
    await target.waitForConnections(warm)
    for (let round = 0; round < 3; round++) {
      await fleet.reset()
      await target.publisher.publish()
      await fleet.collect(1, 10_000)
    }
    await fleet.closeAll()
    await target.waitForConnections(0)
    const before = await target.memory()

    const connect = await fleet.connect(target.clientKind, endpoints, n, settings.concurrency)
    if (connect.failed > 0)
      log(`  ${id} N=${n}: ${connect.failed} connects failed (first: ${connect.firstError})`)
    await target.waitForConnections(connect.opened)
    const after = await target.memory()
    log(`  ${id} N=${n}: ${connect.opened} connected in ${connect.ms.toFixed(0)} ms`)

    const broadcastHistogram = new LatencyHistogram()
    const publishMs: number[] = []
    let expected = 0
    let delivered = 0
    for (let round = -2; round < settings.rounds; round++) {
      await fleet.reset()
      const answered = target.publisher.publish()
      const result = await fleet.collect(1, 30_000)
      const tookMs = await answered
      if (round < 0)
        continue // two warm-up broadcasts at this N
      publishMs.push(tookMs)
      broadcastHistogram.merge(result.histogram.toJSON())
      expected += result.clients
      delivered += result.receipts
      await sleep(100)
    }
    const broadcast = { ...delivery(broadcastHistogram, expected, delivered), rounds: settings.rounds, publishMsMedian: median(publishMs) }
    log(`  ${id} N=${n}: broadcast p50 ${broadcast.p50Ms.toFixed(1)} ms p95 ${broadcast.p95Ms.toFixed(1)} ms p99 ${broadcast.p99Ms.toFixed(1)} ms`)

    await fleet.reset()
    const serverCpu0 = await target.cpuSeconds()
    const workerCpu0 = await fleet.cpuSeconds()
    const phaseStart = process.hrtime.bigint()
    const sent = await sustain(target, settings.sustainRate, settings.sustainSec)
    const publishedAt = process.hrtime.bigint()
    const result = await fleet.collect(sent.sent, settings.drainTimeoutSec * 1000)
    const drainMs = msSince(publishedAt)
    const phaseSec = msSince(phaseStart) / 1000
    const serverCpu = (await target.cpuSeconds() - serverCpu0) / phaseSec
    const workerCpu = (await fleet.cpuSeconds() - workerCpu0) / phaseSec
    const sustained = {
      ...delivery(result.histogram, result.clients * sent.sent, result.receipts),
      sent: sent.sent,
      publishSec: sent.ms / 1000,
      achievedRate: sent.sent / (sent.ms / 1000),
      drainMs,
      serverCpu,
      workerCpu,
      publishErrors: sent.errors,
    }
    log(`  ${id} N=${n}: sustained ${settings.sustainRate}/s p95 ${sustained.p95Ms.toFixed(1)} ms, delivered ${sustained.delivered}/${sustained.expected}`)

    return {
      target: id,
      n,
      connect: { ...connect, perSec: connect.opened / (connect.ms / 1000) },
      memory: {
        before,
        after,
        heapPerConn: (after.heapUsed - before.heapUsed) / connect.opened,
        rssPerConn: (after.rss - before.rss) / connect.opened,
        externalPerConn: (after.external - before.external) / connect.opened,
      },
      broadcast,
      sustained,
    }
  }
  finally {
    await fleet.closeAll().catch(() => {})
    await fleet.stop()
    await target.stop()
  }
}

export async function runFanout(settings: FanoutSettings, log: Log): Promise<FanoutResult[]> {
  const results: FanoutResult[] = []
  // The servers take turns at each N, so a noisy minute hits all of them rather than one.
  for (const n of settings.sizes) {
    for (const id of settings.targets) {
      log(`fanout: ${id} with ${n} connections`)
      results.push(await measure(id, n, settings, log))
    }
  }
  return results
}
