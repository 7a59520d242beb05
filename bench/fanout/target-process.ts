// A child process that runs one server under test and answers the orchestrator: where to connect,
// how many sockets it holds, its memory after GC, its CPU time, and (ours) its registries.
import { activeResources, settledMemory } from '../lib/memory'
import { serve } from '../lib/ipc'
import { startBareWs } from './targets/bare-ws'
import { startSocketIo } from './targets/socketio'
import { startTidings, type StartedTidings } from './targets/tidings'
import type { StartedTarget, TargetId } from './targets/types'

const id = process.argv[2] as TargetId
const starters: Record<TargetId, () => Promise<StartedTarget>> = {
  'tidings': startTidings,
  'bare-ws': startBareWs,
  'socket.io': startSocketIo,
}
if (!starters[id])
  throw new Error(`unknown target ${id}`)

const target = await starters[id]()
const ours = id === 'tidings' ? (target as StartedTidings) : null

serve({
  info: async () => ({
    port: target.port,
    endpoints: await target.endpoints(),
    publishPath: target.publishPath,
    publishToken: target.publishToken ?? null,
  }),
  connections: () => target.connections(),
  memory: () => settledMemory(),
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
