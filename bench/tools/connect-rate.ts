// Connect rate of one server under test, alone: a 50-client warm-up, then N clients from the same
// load workers as the fan-out section (2,500 each, 64 handshakes in flight), timed; with --profile, the
// server's CPU profile cut to the connect phase, by self time.
//   node --import tsx bench/tools/connect-rate.ts <tidings|bare-ws|socket.io> [N] [--profile]
import { LoadFleet } from '../fanout/fleet'
import { PROFILE_DIR, TargetHandle } from '../fanout/target'
import type { TargetId } from '../fanout/targets/types'
import { hotFunctions, mainThreadProfile } from '../lib/profile-summary'

const args = process.argv.slice(2)
const profile = args.includes('--profile')
const [id = 'tidings', size = '5000'] = args.filter(arg => !arg.startsWith('--'))
const n = Number(size)
const nowUs = () => Number(process.hrtime.bigint() / 1000n)
const name = `connect-${id}-${n}`

const target = await TargetHandle.start(id as TargetId, profile ? name : undefined)
const fleet = await LoadFleet.start(n, 2500, 'connect')
await fleet.connect(target.clientKind, target.info.endpoints, 50, 64)
await target.waitForConnections(50)
await fleet.closeAll()
await target.waitForConnections(0)
const serverCpu = await target.cpuSeconds()
const clientsCpu = await fleet.cpuSeconds()
const from = nowUs()
const result = await fleet.connect(target.clientKind, target.info.endpoints, n, 64)
const to = nowUs()
// CPU time per connection is steadier than the rate on a shared machine: it does not count waiting.
const serverUs = (await target.cpuSeconds() - serverCpu) * 1e6 / result.opened
const clientsUs = (await fleet.cpuSeconds() - clientsCpu) * 1e6 / result.opened
await target.waitForConnections(result.opened)
console.log(`${id} N=${n}: ${result.opened} opened (${result.failed} failed) in ${result.ms.toFixed(0)} ms = ${Math.round(result.opened / (result.ms / 1000))}/s;`
  + ` CPU per connection: server ${serverUs.toFixed(0)} µs, clients ${clientsUs.toFixed(0)} µs`)
await fleet.closeAll()
await fleet.stop()
await target.stop()
const path = profile ? mainThreadProfile(`${PROFILE_DIR}/${name}`) : null
if (path)
  console.table(hotFunctions(path, 30, { fromUs: from, toUs: to }).map(hot => ({ ...hot, selfMs: Math.round(hot.selfMs), share: `${(hot.share * 100).toFixed(1)}%` })))
