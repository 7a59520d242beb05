// Section "fanout": for each N, the three servers (ours, bare ws, Socket.IO) each get N authenticated
// clients from worker processes; then the connect rate, heap/RSS per idle connection, broadcasts to
// all (interleaved across the servers) and a sustained broadcast rate (one server at a time).
import { msSince, sleep } from '../lib/clock'
import { LatencyHistogram, summarize, type LatencySummary } from '../lib/histogram'
import type { MemoryReading } from '../lib/memory'
import { median } from '../lib/median'
import { LoadFleet } from './fleet'
import { TargetHandle } from './target'
import type { TargetId } from './targets/types'

export interface FanoutSettings {
  sizes: number[]
  targets: TargetId[]
  /** Measured broadcasts per server and N (after two warm-up ones). */
  rounds: number
  /** Broadcasts per second in the sustained phase. */
  sustainRate: number
  /** Length of the sustained phase; 0 skips it. */
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

/** One server under load at one N: its process, its clients, and what was measured so far. */
interface Contender {
  id: TargetId
  target: TargetHandle
  fleet: LoadFleet
  connect: FanoutResult['connect']
  memory: FanoutResult['memory']
  broadcastHistogram: LatencyHistogram
  publishMs: number[]
  expected: number
  delivered: number
}

/** Starts one server, warms it up, takes its idle baseline, then connects N clients and measures again. */
async function prepare(id: TargetId, n: number, settings: FanoutSettings, log: Log): Promise<Contender> {
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
    return {
      id,
      target,
      fleet,
      connect: { ...connect, perSec: connect.opened / (connect.ms / 1000) },
      memory: {
        before,
        after,
        heapPerConn: (after.heapUsed - before.heapUsed) / connect.opened,
        rssPerConn: (after.rss - before.rss) / connect.opened,
        externalPerConn: (after.external - before.external) / connect.opened,
      },
      broadcastHistogram: new LatencyHistogram(),
      publishMs: [],
      expected: 0,
      delivered: 0,
    }
  }
  catch (error) {
    await release({ target, fleet })
    throw error
  }
}

/** One broadcast to all of a contender's clients; returns the receipts' histogram and the publish time. */
async function broadcastOnce({ target, fleet }: Contender) {
  await fleet.reset()
  const answered = target.publisher.publish()
  const result = await fleet.collect(1, 30_000)
  return { ...result, publishMs: await answered }
}

async function sustained({ target, fleet }: Contender, settings: FanoutSettings): Promise<FanoutResult['sustained']> {
  await fleet.reset()
  const serverCpu0 = await target.cpuSeconds()
  const workerCpu0 = await fleet.cpuSeconds()
  const phaseStart = process.hrtime.bigint()
  const sent = await sustain(target, settings.sustainRate, settings.sustainSec)
  const publishedAt = process.hrtime.bigint()
  const result = await fleet.collect(sent.sent, settings.drainTimeoutSec * 1000)
  const drainMs = msSince(publishedAt)
  const phaseSec = msSince(phaseStart) / 1000
  return {
    ...delivery(result.histogram, result.clients * sent.sent, result.receipts),
    sent: sent.sent,
    publishSec: sent.ms / 1000,
    achievedRate: sent.sent / (sent.ms / 1000),
    drainMs,
    serverCpu: (await target.cpuSeconds() - serverCpu0) / phaseSec,
    workerCpu: (await fleet.cpuSeconds() - workerCpu0) / phaseSec,
    publishErrors: sent.errors,
  }
}

async function release({ target, fleet }: Pick<Contender, 'target' | 'fleet'>): Promise<void> {
  await fleet.closeAll().catch(() => {})
  await fleet.stop()
  await target.stop()
}

const NOT_MEASURED: FanoutResult['sustained'] = {
  samples: 0, p50Ms: Number.NaN, p95Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN, meanMs: Number.NaN,
  expected: 0, delivered: 0, sent: 0, publishSec: Number.NaN, achievedRate: Number.NaN, drainMs: Number.NaN,
  serverCpu: Number.NaN, workerCpu: Number.NaN, publishErrors: 0,
}

/**
 * All servers are connected at once (idle sockets cost no CPU), and the broadcast rounds go round-robin
 * over them, the order rotating every round: whatever else the machine is doing hits every server
 * alike. The sustained phase saturates the machine, so it runs for one server at a time.
 */
async function measureSize(n: number, settings: FanoutSettings, log: Log): Promise<FanoutResult[]> {
  const contenders: Contender[] = []
  try {
    for (const id of settings.targets)
      contenders.push(await prepare(id, n, settings, log))
    for (let round = -2; round < settings.rounds; round++) {
      const shift = (round + 2) % contenders.length
      for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
        const result = await broadcastOnce(contender)
        if (round < 0)
          continue // two warm-up broadcasts each at this N
        contender.broadcastHistogram.merge(result.histogram.toJSON())
        contender.publishMs.push(result.publishMs)
        contender.expected += result.clients
        contender.delivered += result.receipts
        await sleep(50)
      }
    }
    const results: FanoutResult[] = []
    for (const contender of contenders) {
      const broadcast = { ...delivery(contender.broadcastHistogram, contender.expected, contender.delivered), rounds: settings.rounds, publishMsMedian: median(contender.publishMs) }
      log(`  ${contender.id} N=${n}: broadcast p50 ${broadcast.p50Ms.toFixed(1)} ms p95 ${broadcast.p95Ms.toFixed(1)} ms p99 ${broadcast.p99Ms.toFixed(1)} ms`)
      let sustainedResult = NOT_MEASURED
      if (settings.sustainSec > 0) {
        sustainedResult = await sustained(contender, settings)
        log(`  ${contender.id} N=${n}: sustained ${settings.sustainRate}/s p95 ${sustainedResult.p95Ms.toFixed(1)} ms, delivered ${sustainedResult.delivered}/${sustainedResult.expected}`)
      }
      results.push({ target: contender.id, n, connect: contender.connect, memory: contender.memory, broadcast, sustained: sustainedResult })
    }
    return results
  }
  finally {
    for (const contender of contenders)
      await release(contender)
  }
}

export async function runFanout(settings: FanoutSettings, log: Log): Promise<FanoutResult[]> {
  const results: FanoutResult[] = []
  for (const n of settings.sizes) {
    log(`fanout: ${settings.targets.join(', ')} with ${n} connections each`)
    results.push(...await measureSize(n, settings, log))
  }
  return results
}
