// A child process that runs one server under test and answers the orchestrator: where to connect,
// how many sockets it holds, its memory after GC, its CPU time, and (ours) its registries.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { activeResources, heapSpaces, settledMemory } from '../lib/memory'
import { heapSummary } from '../lib/heap-summary'
import { serve } from '../lib/ipc'
import { startBareWs } from './targets/bare-ws'
import { startConnectFloor } from './targets/connect-floor'
import { startSocketIo } from './targets/socketio'
import { startTidings, type StartedTidings } from './targets/tidings'
import type { StartedTarget, TargetId } from './targets/types'

const id = process.argv[2] as TargetId
const starters: Record<TargetId, () => Promise<StartedTarget>> = {
  'tidings': startTidings,
  'bare-ws': startBareWs,
  'socket.io': startSocketIo,
  'connect-floor': startConnectFloor,
}
if (!starters[id])
  throw new Error(`unknown target ${id}`)

const target = await starters[id]()
const ours = id === 'tidings' ? (target as StartedTidings) : null

// How late the event loop runs its callbacks: a blocked loop delays every client's frame at once.
const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()

serve({
  loopDelayReset: () => loopDelay.reset(),
  /** p50 / p99 / max event-loop delay since the last reset, in ms. */
  loopDelay: () => ({ p50Ms: loopDelay.percentile(50) / 1e6, p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 }),
  info: async () => ({
    port: target.port,
    endpoints: await target.endpoints(),
    publishPath: target.publishPath,
    publishToken: target.publishToken ?? null,
  }),
  connections: () => target.connections(),
  memory: () => settledMemory(),
  heapSpaces: async () => {
    await settledMemory()
    return heapSpaces()
  },
  heapSummary: async () => {
    await settledMemory()
    return heapSummary()
  },
  cpu: () => process.cpuUsage(),
  resources: () => activeResources(),
  internals: async () => ours
    ? {
        registry: ours.internals.registrySizes(),
        listeners: ours.internals.listenerCounts(),
        httpConnections: await ours.internals.httpConnections(),
      }
    : null,
  close: () => target.close(),
})
