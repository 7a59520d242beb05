// SQLite vs PostgreSQL, side by side in one run:
//   node --import tsx bench/storage-engines.ts [--clients=5000] [--rounds=20] [--creates=2000] [--concurrency=32]
// Three setups: one process on a SQLite file, one process on PostgreSQL, two processes on PostgreSQL +
// Redis (a throwaway PostgreSQL from deploy/postgres.ts, fresh per setup). For each:
// - REST create throughput: `--creates` POST /api/notifications (one recipient each, spread over the
//   seeded users), `--concurrency` in flight on keep-alive connections (split over the processes);
// - broadcast latency to `--clients` notification sockets: `POST {user:'*'}` (three rows stored, then
//   pushed), from just before the POST is written to each socket's receipt, on one monotonic clock.
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startClusterProcess, startRedis, type ClusterProcess, type RunningRedis } from '../deploy/cluster'
import { startPostgres, type RunningPostgres } from '../deploy/postgres'
import { Paths } from '../src/protocol'
import { sleep } from './lib/clock'
import { LOAD_SERVER_ENV, loginLoadUser } from './lib/cluster-load'
import { LatencyHistogram, summarize, type LatencySummary } from './lib/histogram'
import { LoadFleet } from './fanout/fleet'
import { Publisher } from './fanout/publisher'
import { LOAD_USERS } from './fanout/targets/settings'

type Setup = 'sqlite' | 'postgres' | 'postgres + redis'

interface Row {
  setup: Setup
  createsPerSec: number
  broadcast: LatencySummary & { delivered: number, expected: number }
}

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '20' },
    creates: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
  },
})
const CLIENTS = Number(values.clients)
const ROUNDS = Number(values.rounds)
const CREATES = Number(values.creates)
const CONCURRENCY = Number(values.concurrency)

const log = (line: string) => console.error(line)


async function startServers(setup: Setup, folder: string, redis: RunningRedis, postgres: RunningPostgres | null): Promise<ClusterProcess[]> {
  const redisUrl = setup === 'postgres + redis' ? redis.url : ''
  const options = { redisUrl, dbPath: join(folder, 'tidings.db'), databaseUrl: postgres?.url ?? null, env: LOAD_SERVER_ENV }
  const first = await startClusterProcess(options)
  return setup === 'postgres + redis' ? [first, await startClusterProcess(options)] : [first]
}

/** POSTs `total` notifications, `concurrency` at a time, round robin over the processes; creates per second. */
async function createThroughput(servers: ClusterProcess[], token: string, total: number, concurrency: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  let next = 0
  const post = (server: ClusterProcess, user: string) => new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ user, title: 'bench', content: 'create throughput', type: 'system' })
    const req = request({ host: '127.0.0.1', port: server.port, path: Paths.notifications, method: 'POST', agent, headers: {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Authorization': `Bearer ${token}`,
    } }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`create answered ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(body)
  })
  const worker = async (lane: number) => {
    while (next < total) {
      const index = next++
      await post(servers[lane % servers.length]!, LOAD_USERS[index % LOAD_USERS.length])
    }
  }
  // Warm-up (connections, JIT, the pool), not counted.
  await Promise.all(Array.from({ length: concurrency }, (_, lane) => post(servers[lane % servers.length]!, 'user1')))
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, (_, lane) => worker(lane)))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return total / seconds
}

async function measure(setup: Setup, redis: RunningRedis): Promise<Row> {
  const folder = mkdtempSync(join(tmpdir(), 'tidings-bench-engines-'))
  const postgres = setup === 'sqlite' ? null : await startPostgres()
  const servers = await startServers(setup, folder, redis, postgres)
  const publishTo = servers[servers.length - 1]!
  const fleets = await Promise.all(servers.map((_, index) => LoadFleet.start(CLIENTS / servers.length, CLIENTS / servers.length, `engines-${index}`)))
  const tokens = await Promise.all(LOAD_USERS.map(user => loginLoadUser(servers[0]!, user)))
  const publisher = new Publisher({ port: publishTo.port, publishPath: Paths.notifications, publishToken: tokens[0]! })
  try {
    const createsPerSec = await createThroughput(servers, tokens[0]!, CREATES, CONCURRENCY)
    log(`${setup}: ${createsPerSec.toFixed(0)} creates/s`)
    await Promise.all(fleets.map((fleet, index) => {
      const base = servers[index]!.url.replace(/^http/, 'ws')
      const endpoints = tokens.map(token => ({ url: `${base}${Paths.notificationsSocket}?token=${token}`, token }))
      return fleet.connect('tidings', endpoints, CLIENTS / servers.length, 32)
    }))
    log(`${setup}: ${CLIENTS} sockets on ${servers.length} process(es)`)
    const histogram = new LatencyHistogram()
    let delivered = 0
    let expected = 0
    for (let round = -3; round < ROUNDS; round++) {
      await Promise.all(fleets.map(fleet => fleet.reset()))
      await publisher.publish()
      const results = await Promise.all(fleets.map(fleet => fleet.collect(1, 30_000)))
      if (round >= 0) {
        for (const result of results) {
          histogram.merge(result.histogram.toJSON())
          delivered += result.receipts
          expected += result.clients
        }
      }
      await sleep(50)
    }
    return { setup, createsPerSec, broadcast: { ...summarize(histogram), delivered, expected } }
  }
  finally {
    publisher.close()
    for (const fleet of fleets) {
      await fleet.closeAll().catch(() => {})
      await fleet.stop()
    }
    await Promise.all(servers.map(server => server.stop()))
    await postgres?.stop()
    rmSync(folder, { recursive: true, force: true })
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`

function table(rows: Row[]): string {
  const lines = [
    `| Setup | REST creates/s (${CONCURRENCY} in flight) | Broadcast to ${CLIENTS} p50 | p95 | p99 | Delivered |`,
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const row of rows) {
    const b = row.broadcast
    lines.push(`| ${row.setup} | ${row.createsPerSec.toFixed(0)} | ${ms(b.p50Ms)} | ${ms(b.p95Ms)} | ${ms(b.p99Ms)} | ${b.delivered}/${b.expected} |`)
  }
  return lines.join('\n')
}

const redis = await startRedis()
try {
  const rows: Row[] = []
  for (const setup of ['sqlite', 'postgres', 'postgres + redis'] as const)
    rows.push(await measure(setup, redis))
  console.log(table(rows))
  const [sqlite, postgres] = rows as [Row, Row]
  console.log(`\nPostgreSQL / SQLite, one process: create throughput ${(sqlite.createsPerSec / postgres.createsPerSec).toFixed(2)}x slower`
    + ` (budget 1.5x), broadcast p95 ${(postgres.broadcast.p95Ms / sqlite.broadcast.p95Ms).toFixed(2)}x (budget 1.2x)`)
  console.log(`\n${JSON.stringify({ clients: CLIENTS, rounds: ROUNDS, creates: CREATES, concurrency: CONCURRENCY, rows }, null, 1)}`)
}
finally {
  await redis.stop()
}
