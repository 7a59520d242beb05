// What one backoff probe costs the server to answer with N users online, one socket each: the stats
// (what the app probed until issue 18: a pass over every connection and a body naming every user)
// against the health (a constant envelope). A waiting tab probes once a second, so in a restart every
// waiting tab multiplies this: 1,000 of them ask 1,000 times a second. The server's own registry and
// envelope; no HTTP, no sockets.
//   node --import tsx bench/tools/probe-answer.ts [N]
import type { Connection } from '../../mock-server/connections/registry'
import { ConnectionRegistry } from '../../mock-server/connections/registry'
import { envelope } from '../../mock-server/http/envelope'

const users = Number(process.argv[2] ?? 10_000)
const registry = new ConnectionRegistry({ maxConnectionsPerUser: 5, maxTaskSocketsPerUser: 5 })
for (let index = 0; index < users; index++) {
  registry.add({
    id: `connection-${index}`,
    kind: 'notifications',
    userId: `user-${index}`,
    sessionId: `session-${index}`,
    expiresAtSec: Date.now() / 1000 + 3600,
    taskId: null,
    isOpen: () => true,
    close: () => {},
    terminate: () => {},
  } as unknown as Connection)
}

function measure(answer: () => string, rounds: number): { bytes: number, us: number } {
  let bytes = answer().length
  const started = performance.now()
  for (let round = 0; round < rounds; round++)
    bytes = answer().length
  return { bytes, us: (performance.now() - started) * 1000 / rounds }
}

const stats = measure(() => JSON.stringify(registry.stats()), 200)
const health = measure(() => JSON.stringify(envelope(true, null, 'ok')), 20_000)
console.log(`${users.toLocaleString('en-US')} users online, one socket each; per probe answered:`)
console.log(`  stats:  ${stats.bytes.toLocaleString('en-US')} bytes, ${stats.us.toFixed(0)} µs to build and serialise`)
console.log(`  health: ${health.bytes} bytes, ${health.us.toFixed(1)} µs`)
console.log(`  1,000 waiting tabs (probing once a second): stats ${(stats.us * 1000 / 1e6).toFixed(2)} s of server CPU per second, health ${(health.us * 1000 / 1e6).toFixed(3)} s`)
registry.terminateAll()
