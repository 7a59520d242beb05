// Fan-out latency through Redis next to the single-process figure, on the same machine in the same run:
//   node --import tsx bench/redis-fanout.ts [--clients=1000] [--rounds=20] [--rate=20] [--seconds=5]
// "single": one server process holds every socket. "redis": two processes behind one Redis hold half each;
// the broadcast is posted to the second, so half the sockets are reached locally and half through Redis.
// Latency runs from just before the POST is written to each socket's receipt (one shared monotonic clock).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startClusterProcess, startRedis, type ClusterProcess, type RunningRedis } from '../deploy/cluster'
import { Paths } from '../src/protocol'
import { sleep } from './lib/clock'
import { LOAD_SERVER_ENV, loginLoadUser } from './lib/cluster-load'
import { LatencyHistogram, summarize, type LatencySummary } from './lib/histogram'
import { LoadFleet } from './fanout/fleet'
import { Publisher } from './fanout/publisher'
import { LOAD_USERS } from './fanout/targets/settings'

type Setup = 'single' | 'redis'

interface Row {
  setup: Setup
  /** Which sockets: all of them, or those on the process that took the POST / on the other one. */
  part: 'all' | 'same process' | 'other process'
  broadcast: LatencySummary & { delivered: number, expected: number }
  sustained: LatencySummary & { delivered: number, expected: number }
}

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '5' },
  },
})
const CLIENTS = Number(values.clients)
const ROUNDS = Number(values.rounds)
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds)

const log = (line: string) => console.error(line)


async function startServers(setup: Setup, dbPath: string, redis: RunningRedis): Promise<ClusterProcess[]> {
  const redisUrl = setup === 'redis' ? redis.url : ''
  const first = await startClusterProcess({ redisUrl, dbPath, env: LOAD_SERVER_ENV })
  if (setup === 'single')
    return [first]
  return [first, await startClusterProcess({ redisUrl, dbPath, env: LOAD_SERVER_ENV })]
}

function withCounts(histogram: LatencyHistogram, delivered: number, expected: number) {
  return { ...summarize(histogram), delivered, expected }
}

async function measure(setup: Setup, redis: RunningRedis): Promise<Row[]> {
  const folder = mkdtempSync(join(tmpdir(), 'tidings-bench-redis-'))
  const servers = await startServers(setup, join(folder, 'tidings.db'), redis)
  // One fleet per half of the sockets: for "redis" each half is on its own process.
  const publishTo = servers[servers.length - 1]
  const halves = [servers[0], publishTo]
  const fleets = await Promise.all(halves.map((_, index) => LoadFleet.start(CLIENTS / 2, CLIENTS / 2, `redis-fanout-${index}`)))
  const tokens = await Promise.all(LOAD_USERS.map(user => loginLoadUser(servers[0], user)))
  const publisher = new Publisher({ port: publishTo.port, publishPath: Paths.notifications, publishToken: tokens[0] })
  try {
    await Promise.all(fleets.map((fleet, index) => {
      const base = halves[index].url.replace(/^http/, 'ws')
      const endpoints = tokens.map(token => ({ url: `${base}${Paths.notificationsSocket}?token=${token}`, token }))
      return fleet.connect('tidings', endpoints, CLIENTS / 2, 32)
    }))
    log(`${setup}: ${CLIENTS} sockets on ${servers.length} process(es)`)

    const broadcast = fleets.map(() => ({ histogram: new LatencyHistogram(), delivered: 0, expected: 0 }))
    for (let round = -3; round < ROUNDS; round++) {
      await Promise.all(fleets.map(fleet => fleet.reset()))
      await publisher.publish()
      const results = await Promise.all(fleets.map(fleet => fleet.collect(1, 30_000)))
      if (round >= 0) {
        results.forEach((result, index) => {
          broadcast[index].histogram.merge(result.histogram.toJSON())
          broadcast[index].delivered += result.receipts
          broadcast[index].expected += result.clients
        })
      }
      await sleep(50)
    }

    await Promise.all(fleets.map(fleet => fleet.reset()))
    const total = Math.round(RATE * SECONDS)
    const started = performance.now()
    const sent: Promise<unknown>[] = []
    for (let index = 0; index < total; index++) {
      const wait = started + index * (1000 / RATE) - performance.now()
      if (wait >= 1)
        await sleep(wait)
      sent.push(publisher.publish())
    }
    await Promise.all(sent)
    const sustained = await Promise.all(fleets.map(fleet => fleet.collect(total, 60_000)))

    const part = (index: number): Row['part'] => (setup === 'single' ? 'same process' : index === 0 ? 'other process' : 'same process')
    const rows: Row[] = fleets.map((_, index) => ({
      setup,
      part: part(index),
      broadcast: withCounts(broadcast[index].histogram, broadcast[index].delivered, broadcast[index].expected),
      sustained: withCounts(sustained[index].histogram, sustained[index].receipts, sustained[index].clients * total),
    }))
    const all = (pick: (i: number) => { histogram: LatencyHistogram, delivered: number, expected: number }) => {
      const histogram = new LatencyHistogram()
      let delivered = 0
      let expected = 0
      fleets.forEach((_, index) => {
        const item = pick(index)
        histogram.merge(item.histogram.toJSON())
        delivered += item.delivered
        expected += item.expected
      })
      return withCounts(histogram, delivered, expected)
    }
    rows.unshift({
      setup,
      part: 'all',
      broadcast: all(index => broadcast[index]),
      sustained: all(index => ({ histogram: sustained[index].histogram, delivered: sustained[index].receipts, expected: sustained[index].clients * total })),
    })
    return setup === 'single' ? rows.slice(0, 1) : rows
  }
  finally {
    publisher.close()
    for (const fleet of fleets) {
      await fleet.closeAll().catch(() => {})
      await fleet.stop()
    }
    await Promise.all(servers.map(server => server.stop()))
    rmSync(folder, { recursive: true, force: true })
  }
}

const ms = (value: number) => value.toFixed(1)

function table(rows: Row[]): string {
  const lines = [
    `| Setup | Sockets | Broadcast p50 | p95 | p99 | Sustained (${RATE}/s) p50 | p95 | p99 | Delivered |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const row of rows) {
    const { broadcast: b, sustained: s } = row
    const delivered = b.delivered + s.delivered
    const expected = b.expected + s.expected
    lines.push(`| ${row.setup === 'single' ? 'one process' : 'two processes + Redis'} | ${row.part} | ${ms(b.p50Ms)} | ${ms(b.p95Ms)} | ${ms(b.p99Ms)} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${ms(s.p99Ms)} | ${delivered}/${expected} |`)
  }
  return lines.join('\n')
}

const redis = await startRedis()
try {
  const single = await measure('single', redis)
  const clustered = await measure('redis', redis)
  const rows = [...single, ...clustered]
  console.log(table(rows))
  const ratio = (pick: (row: Row) => number) => pick(clustered[0]) / pick(single[0])
  console.log(`\nRatio through Redis / one process (all sockets): broadcast p95 ${ratio(row => row.broadcast.p95Ms).toFixed(2)}x, sustained p95 ${ratio(row => row.sustained.p95Ms).toFixed(2)}x (target: at most 2x)`)
  console.log(`\n${JSON.stringify({ clients: CLIENTS, rounds: ROUNDS, rate: RATE, seconds: SECONDS, rows }, null, 1)}`)
}
finally {
  await redis.stop()
}
