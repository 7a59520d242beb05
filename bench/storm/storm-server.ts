// One server of the storm, in its own process so it can be killed with SIGKILL: ours (startServer on
// an SQLite file, as `npm start` runs it) or the Socket.IO peer, on a given port. It counts the HTTP
// requests it serves and watches its event loop (monitorEventLoopDelay) from the start.
import { Server as HttpServer } from 'node:http'
import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { startServer } from '../../mock-server/app'
import { optionsFromEnv } from '../../mock-server/config'
import type { Logger } from '../../mock-server/logger'
import { cpuMsSince } from '../lib/cpu'
import { serve } from '../lib/ipc'
import { startSocketIoOn } from './socketio-server'
import { STORM_SERVER_OPTIONS } from './settings'

const [kind, portText, dbPath = ''] = process.argv.slice(2)
const port = Number(portText)

const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()

// Every request the HTTP server answers (REST and probes; WebSocket upgrades are not requests), and
// the connections and upgrades it saw: a long turn's share of each tells what filled it.
let requests = 0
let connections = 0
let upgrades = 0
const listen = HttpServer.prototype.listen
HttpServer.prototype.listen = function (this: HttpServer, ...args: unknown[]) {
  this.on('request', () => {
    requests++
  })
  this.on('connection', () => {
    connections++
  })
  this.on('upgrade', () => {
    upgrades++
  })
  return (listen as (...a: unknown[]) => HttpServer).apply(this, args)
} as typeof listen

const warningsOnly: Logger = (level, message) => {
  if (level !== 'info')
    console.error(`[storm-server] ${level} ${message}`)
}

let close: () => Promise<unknown>
if (kind === 'tidings') {
  // The admission and backlog settings may be varied from the environment (comparing them in one run).
  const tuning = optionsFromEnv(Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(?:ADMISSION_|LISTEN_BACKLOG$)/.test(name))))
  const server = await startServer({ ...STORM_SERVER_OPTIONS, ...tuning, port, dbPath, logger: warningsOnly })
  close = () => server.close()
}
else {
  close = await startSocketIoOn(port)
}
const listeningAt = Date.now()
/** CPU spent before listening (starting) is not the storm's: the storm's CPU is counted from here. */
const cpuAtListening = process.cpuUsage()
/** The monotonic clock at listening (µs), the clock of a `--cpu-prof` profile: places the stalls in it. */
const listeningMonotonicUs = Number(process.hrtime.bigint() / 1000n)
// Starting (scrypt-hashing the seeded users, migrations) is not the storm: its stalls are left out.
loopDelay.reset()

// When the long stalls happened (ms after listening, length), what arrived in them (connections
// accepted, upgrades, requests), and how much of the stall this process was on a core (its CPU time in
// it): for the log, which phase of the storm stalls, on what, and whether the server worked the whole
// stall or waited for a core the clients held.
const stalls: Array<[number, number, string, number]> = []
let lastTick = Date.now()
let lastCpu = process.cpuUsage()
let seen = { connections, upgrades, requests }
setInterval(() => {
  const now = Date.now()
  const cpu = process.cpuUsage()
  if (now - lastTick > 150) {
    const cpuMs = Math.round((cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000)
    stalls.push([lastTick - listeningAt, now - lastTick, `c${connections - seen.connections}/u${upgrades - seen.upgrades}/r${requests - seen.requests}`, cpuMs])
  }
  lastTick = now
  lastCpu = cpu
  seen = { connections, upgrades, requests }
}, 20).unref()

// Garbage collections over 20 ms (ms after listening, length, major or minor): is a long turn GC?
const GC_KINDS: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
}
const collections: Array<[number, number, string]> = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.duration > 20)
      collections.push([Math.round(performance.timeOrigin + entry.startTime - listeningAt), Math.round(entry.duration), GC_KINDS[((entry as unknown as { detail?: { kind?: number } }).detail?.kind) ?? -1] ?? 'other'])
  }
}).observe({ entryTypes: ['gc'] })

serve({
  /** When it listened (epoch ms), requests served, the longest event-loop stall so far (ms), CPU since listening (ms). */
  stats: () => ({ listeningAt, cpuMs: cpuMsSince(cpuAtListening), listeningMonotonicUs, requests, stallMaxMs: loopDelay.max / 1e6, stalls: stalls.slice(0, 40), collections: collections.filter(([at]) => at >= 0).slice(0, 40) }),
  close: () => close(),
})
