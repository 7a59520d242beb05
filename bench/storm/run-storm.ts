// Section "storm": N clients hold connections to a server; the server is killed (SIGKILL); while it is
// down MISSED notifications per user are stored (ours: by another process, in the server's SQLite
// file); the server starts again on the same file and port. Reported for ours and Socket.IO, one after
// the other in the same run: time until 50 / 99 / 100 % of the clients are back (ours: open and
// resynced, every missed notification in the inbox model), HTTP requests served meanwhile, the longest
// event-loop stall of the restarted server, and lost or duplicated notifications.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BROADCAST_RECIPIENT, Paths, type Envelope, type LoginResponse } from '../../src/protocol'
import { sleep } from '../lib/clock'
import { BenchChild } from '../lib/ipc'
import { PROFILE_DIR } from '../fanout/target'
import { LOAD_PASSWORDS, LOAD_USERS } from '../fanout/targets/settings'
import { HELD_BEFORE, MISSED } from './settings'
import { socketIoToken } from './socketio-server'
import type { StormConnectArgs } from './storm-worker'

export interface StormSettings {
  clients: number
  perWorker: number
  /** Handshakes in flight per worker while the clients first connect. */
  concurrency: number
  /** How long the server stays down (the missed notifications are stored meanwhile). */
  downMs: number
  /** Give up waiting for the last clients after this long. */
  timeoutMs: number
  /** Record a CPU profile of each restarted server (bench/.profiles/). */
  profile: boolean
}

export type StormTarget = 'tidings' | 'socket.io'

export interface StormResult {
  target: StormTarget
  clients: number
  connected: number
  /** Ms from the restarted server listening until that share of the clients was back (null: never). */
  backMs: { p50: number | null, p99: number | null, p100: number | null }
  back: number
  /** Ms until that share had their socket open again (ours: before the resync finished). */
  openMs: { p50: number | null, p99: number | null }
  /** HTTP requests the restarted server served until the last client was back (or the timeout). */
  requests: number
  stallMaxMs: number
  /**
   * CPU the server spent in the longest stall over 150 ms (ms; null: none that long). The clients run on
   * the same cores: the rest of the stall the server was waiting for a core, not working.
   */
  longestStallCpuMs: number | null
  lost: number
  duplicated: number
  clientsLosing: number
  /** Ours: resyncs that failed (the app shows the error and resyncs at the next open), and why one did. */
  resyncFailures: number
  lastFailure: string | null
  /** Ours: attempts abandoned by the client (no `connected` frame within its openTimeout). */
  abandoned: number
  /** Ours: missed notifications; Socket.IO: what its clients could have heard (none: no replay). */
  missedPerClient: number
  /**
   * CPU spent from the restarted server listening until the last client was back (or the timeout), in
   * ms: the server's and the client workers'. Both share the machine's cores, so their sum over the
   * cores is the shortest the storm could take here however well it is scheduled.
   */
  cpu: { serverMs: number, clientsMs: number, cores: number }
}

type Log = (line: string) => void

const SERVER_SCRIPT = new URL('./storm-server.ts', import.meta.url)
const WORKER_SCRIPT = new URL('./storm-worker.ts', import.meta.url)
const WRITER_SCRIPT = fileURLToPath(new URL('./write-missed.ts', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    }).on('error', reject)
  })
}

async function login(base: string, username: (typeof LOAD_USERS)[number]): Promise<string> {
  const response = await fetch(`${base}${Paths.login}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: LOAD_PASSWORDS[username] }) })
  return ((await response.json()) as Envelope<LoginResponse>).data!.access_token
}

/** The admin broadcasts `count` notifications to every user (stored, then pushed). */
async function broadcast(base: string, adminToken: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${base}${Paths.notifications}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${adminToken}` },
      body: JSON.stringify({ user: BROADCAST_RECIPIENT, title: `held ${i}`, content: 'stored before the restart', type: 'system' }),
    })
    if (response.status !== 201)
      throw new Error(`broadcast answered ${response.status}`)
  }
}

/** With STORM_PIN (a diagnostic): the server alone on the first core, the client workers on the second. */
function pinToCore(child: BenchChild, core: number): void {
  if (process.env.STORM_PIN)
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(child.process.pid)], { stdio: 'ignore' })
}

async function startServer(target: StormTarget, port: number, dbPath: string, profile = false): Promise<BenchChild> {
  // A folder per server: tsx's loader thread writes a profile of its own beside the main thread's.
  const execArgv = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, `storm-${target}`)}`] : []
  const server = BenchChild.start(`storm-${target}`, SERVER_SCRIPT, { args: [target, String(port), dbPath], execArgv })
  pinToCore(server, 0)
  await server.ready
  return server
}

function killed(server: BenchChild): Promise<void> {
  return new Promise((resolve) => {
    server.process.once('exit', () => resolve())
    server.process.kill('SIGKILL')
  })
}

/** The time by which `share` of `total` clients were back, from `since`. */
function shareBack(times: number[], total: number, share: number, since: number): number | null {
  const needed = Math.ceil(total * share)
  return times.length >= needed && needed > 0 ? Math.max(0, times[needed - 1]! - since) : null
}

/** Socket attempts and probes per half second around the restart (0 = listening again), for the log. */
async function timelineOf(workers: BenchChild[], downAt: number, listeningAt: number): Promise<string> {
  const parts = await Promise.all(workers.map(worker => worker.call<{ sockets: number[], probes: number[] }>('timeline', downAt)))
  const buckets = (times: number[]) => {
    const counts = new Map<number, number>()
    for (const time of times) {
      const bucket = Math.floor((time - listeningAt) / 500) / 2
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
    }
    return [...counts].sort(([a], [b]) => a - b).map(([bucket, count]) => `${bucket}s:${count}`).join(' ')
  }
  return `socket attempts per 0.5 s from the restart: ${buckets(parts.flatMap(part => part.sockets))}; probes: ${buckets(parts.flatMap(part => part.probes))}`
}

export async function stormOne(target: StormTarget, settings: StormSettings, log: Log): Promise<StormResult> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'tidings-storm-'))
  const dbPath = join(dir, 'storm.db')
  const base = `http://127.0.0.1:${port}`
  let server = await startServer(target, port, dbPath)
  // Profiled too: the clients share the machine's cores with the server, so their CPU is the storm's.
  const workerArgv = settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, `storm-${target}-clients`)}`] : []
  const workers = Array.from({ length: Math.max(1, Math.ceil(settings.clients / settings.perWorker)) }, (_, index) => BenchChild.start(`storm-worker-${index}`, WORKER_SCRIPT, { execArgv: workerArgv }))
  workers.forEach(worker => pinToCore(worker, 1))
  try {
    await Promise.all(workers.map(worker => worker.ready))
    const tokens = target === 'tidings'
      ? await Promise.all(LOAD_USERS.map(user => login(base, user)))
      : await Promise.all(LOAD_USERS.map(user => socketIoToken(user)))
    if (target === 'tidings')
      await broadcast(base, tokens[0]!, HELD_BEFORE) // LOAD_USERS[0] is the admin
    const share = (index: number) => Math.floor(settings.clients / workers.length) + (index < settings.clients % workers.length ? 1 : 0)
    const opened = await Promise.all(workers.map((worker, index) => worker.call<{ opened: number, firstError: string | null }>('connect', {
      kind: target,
      base,
      tokens,
      users: [...LOAD_USERS],
      count: share(index),
      concurrency: settings.concurrency,
    } satisfies StormConnectArgs, 600_000)))
    const connected = opened.reduce((sum, part) => sum + part.opened, 0)
    log(`storm: ${target}: ${connected}/${settings.clients} connected${opened.find(part => part.firstError)?.firstError ? ` (first error: ${opened.find(part => part.firstError)!.firstError})` : ''}; killing the server`)

    await killed(server)
    const downAt = Date.now()
    let missed: Record<string, string[]>
    if (target === 'tidings') {
      // Another process writes to the same file while the server is down, as `npm run notify` would.
      missed = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', WRITER_SCRIPT, dbPath], { encoding: 'utf8' })) as Record<string, string[]>
    }
    else {
      // Nothing stores them: Socket.IO's publishes while the server is down reach no one.
      missed = Object.fromEntries(LOAD_USERS.map(user => [user, Array.from({ length: MISSED }, (_, i) => `missed-${i}`)]))
    }
    await Promise.all(workers.map(worker => worker.call('expectMissed', missed)))
    await sleep(Math.max(0, settings.downMs - (Date.now() - downAt)))

    server = await startServer(target, port, dbPath, settings.profile)
    const { listeningAt } = await server.call<{ listeningAt: number }>('stats')
    await Promise.all(workers.map(worker => worker.call('markCpu')))
    log(`storm: ${target}: restarted after ${listeningAt - downAt} ms down`)
    const deadline = Date.now() + settings.timeoutMs
    let times: number[] = []
    while (Date.now() < deadline) {
      await sleep(200)
      times = (await Promise.all(workers.map(worker => worker.call<Array<number | null>>('backTimes')))).flat().filter((time): time is number => time !== null)
      if (times.length >= connected)
        break
    }
    const [serverCpu, workerCpu] = await Promise.all([
      server.call<{ cpuMs: number }>('stats'),
      Promise.all(workers.map(worker => worker.call<number>('cpuMs'))),
    ])
    times.sort((a, b) => a - b)
    const opens = (await Promise.all(workers.map(worker => worker.call<Array<number | null>>('openTimes')))).flat().filter((time): time is number => time !== null).sort((a, b) => a - b)
    const stats = await server.call<{ listeningMonotonicUs: number, requests: number, stallMaxMs: number, stalls: Array<[number, number, string, number]>, collections: Array<[number, number, string]> }>('stats')
    log(`storm: ${target}: stalls over 150 ms (ms after listening: length, c connections / u upgrades / r requests in it, cpu ms the server ran in it; listening at ${stats.listeningMonotonicUs} µs of the profile's clock): ${stats.stalls.map(([at, length, arrivals, cpuMs]) => `${at}:${length}(${arrivals}/cpu${cpuMs})`).join(' ') || 'none'}`)
    log(`storm: ${target}: garbage collections over 20 ms (ms after listening: length kind): ${stats.collections.map(([at, length, kind]) => `${at}:${length} ${kind}`).join(' ') || 'none'}`)
    if (target === 'tidings')
      log(`storm: ${target}: ${await timelineOf(workers, downAt, listeningAt)}`)
    const tallies = await Promise.all(workers.map(worker => worker.call<{ lost: number, duplicated: number, clientsLosing: number, resyncFailures: number, lastFailure: string | null, abandoned: number }>('tally')))
    const result: StormResult = {
      target,
      clients: settings.clients,
      connected,
      backMs: {
        p50: shareBack(times, connected, 0.5, listeningAt),
        p99: shareBack(times, connected, 0.99, listeningAt),
        p100: shareBack(times, connected, 1, listeningAt),
      },
      back: times.length,
      openMs: { p50: shareBack(opens, connected, 0.5, listeningAt), p99: shareBack(opens, connected, 0.99, listeningAt) },
      requests: stats.requests,
      stallMaxMs: stats.stallMaxMs,
      longestStallCpuMs: stats.stalls.reduce<[number, number, string, number] | null>((longest, stall) => (!longest || stall[1] > longest[1] ? stall : longest), null)?.[3] ?? null,
      lost: tallies.reduce((sum, part) => sum + part.lost, 0),
      duplicated: tallies.reduce((sum, part) => sum + part.duplicated, 0),
      clientsLosing: tallies.reduce((sum, part) => sum + part.clientsLosing, 0),
      resyncFailures: tallies.reduce((sum, part) => sum + part.resyncFailures, 0),
      lastFailure: tallies.find(part => part.lastFailure)?.lastFailure ?? null,
      abandoned: tallies.reduce((sum, part) => sum + part.abandoned, 0),
      missedPerClient: MISSED,
      cpu: { serverMs: serverCpu.cpuMs, clientsMs: workerCpu.reduce((sum, part) => sum + part, 0), cores: availableParallelism() },
    }
    log(`storm: ${target}: ${JSON.stringify(result)}`)
    return result
  }
  finally {
    await Promise.all(workers.map(worker => worker.call('closeAll').catch(() => {})))
    await Promise.all(workers.map(worker => worker.stop()))
    await server.call('close', {}, 30_000).catch(() => {})
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function runStorm(settings: StormSettings, log: Log): Promise<StormResult[]> {
  log(`storm: ${settings.clients} clients, server killed and restarted, ${MISSED} notifications per user stored while down`)
  // STORM_TARGETS=tidings runs ours alone (interleaved before/after comparisons).
  const targets = (process.env.STORM_TARGETS ?? 'tidings,socket.io').split(',') as StormTarget[]
  const results: StormResult[] = []
  for (const target of targets)
    results.push(await stormOne(target, settings, log))
  return results
}
