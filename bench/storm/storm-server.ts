// One server of the storm, in its own process so it can be killed with SIGKILL: ours (startServer on
// an SQLite file, as `npm start` runs it) or the Socket.IO peer, on a given port. It counts the HTTP
// requests it serves and watches its event loop (monitorEventLoopDelay) from the start.
import { Server as HttpServer } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { startServer } from '../../mock-server/app'
import { optionsFromEnv } from '../../mock-server/config'
import type { Logger } from '../../mock-server/logger'
import { serve } from '../lib/ipc'
import { startSocketIoOn } from './socketio-server'
import { STORM_SERVER_OPTIONS } from './settings'

const [kind, portText, dbPath = ''] = process.argv.slice(2)
const port = Number(portText)

const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()

// Every request the HTTP server answers (REST and probes; WebSocket upgrades are not requests).
let requests = 0
const listen = HttpServer.prototype.listen
HttpServer.prototype.listen = function (this: HttpServer, ...args: unknown[]) {
  this.on('request', () => {
    requests++
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
// Starting (scrypt-hashing the seeded users, migrations) is not the storm: its stalls are left out.
loopDelay.reset()

// When the long stalls happened (ms after listening, length), for the log: which phase of the storm stalls.
const stalls: Array<[number, number]> = []
let lastTick = Date.now()
setInterval(() => {
  const now = Date.now()
  if (now - lastTick > 150)
    stalls.push([lastTick - listeningAt, now - lastTick])
  lastTick = now
}, 20).unref()

serve({
  /** When it listened (epoch ms), requests served, and the longest event-loop stall so far (ms). */
  stats: () => ({ listeningAt, requests, stallMaxMs: loopDelay.max / 1e6, stalls: stalls.slice(0, 40) }),
  close: () => close(),
})
