// Connect rate of servers under test, interleaved: each server is started once with its own load
// workers (2,500 clients each, 64 handshakes in flight) and warmed with 50 clients; then every round
// connects N clients to each server in turn (the order rotating every round), timed, and closes them.
// Whatever else the machine does in a given minute hits every server alike, and the median of the
// per-round ratios against the last server named is the figure. With --profile, the first
// server's CPU profile cut to its last connect phase, by self time.
//   node --import tsx bench/tools/connect-rate.ts <tidings|bare-ws|socket.io>[,<peer>...] [N] [--rounds=R] [--profile]
import { LoadFleet } from '../fanout/fleet'
import { PROFILE_DIR, TargetHandle } from '../fanout/target'
import type { TargetId } from '../fanout/targets/types'
import { hotFunctions, mainThreadProfile } from '../lib/profile-summary'

const args = process.argv.slice(2)
const profile = args.includes('--profile')
const rounds = Number(args.find(arg => arg.startsWith('--rounds='))?.slice('--rounds='.length) ?? 1)
const [ids = 'tidings', size = '5000'] = args.filter(arg => !arg.startsWith('--'))
const targets = ids.split(',') as TargetId[]
const n = Number(size)
const nowUs = () => Number(process.hrtime.bigint() / 1000n)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

interface Contender { id: TargetId, target: TargetHandle, fleet: LoadFleet, rates: number[], serverUs: number[], clientsUs: number[] }

const contenders: Contender[] = []
for (const [index, id] of targets.entries()) {
  const target = await TargetHandle.start(id, profile && index === 0 ? `connect-${id}-${n}` : undefined)
  const fleet = await LoadFleet.start(n, 2500, 'connect')
  await fleet.connect(target.clientKind, target.info.endpoints, 50, 64)
  await target.waitForConnections(50)
  await fleet.closeAll()
  await target.waitForConnections(0)
  contenders.push({ id, target, fleet, rates: [], serverUs: [], clientsUs: [] })
}

let window = { fromUs: 0, toUs: 0 }
for (let round = 0; round < rounds; round++) {
  const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)]
  for (const contender of order) {
    const { target, fleet } = contender
    const serverCpu = await target.cpuSeconds()
    const clientsCpu = await fleet.cpuSeconds()
    const from = nowUs()
    const result = await fleet.connect(target.clientKind, target.info.endpoints, n, 64)
    if (contender === contenders[0])
      window = { fromUs: from, toUs: nowUs() }
    // CPU time per connection is steadier than the rate on a shared machine: it does not count waiting.
    const serverUs = (await target.cpuSeconds() - serverCpu) * 1e6 / result.opened
    const clientsUs = (await fleet.cpuSeconds() - clientsCpu) * 1e6 / result.opened
    await target.waitForConnections(result.opened)
    const rate = result.opened / (result.ms / 1000)
    contender.rates.push(rate)
    contender.serverUs.push(serverUs)
    contender.clientsUs.push(clientsUs)
    console.log(`round ${round + 1} ${contender.id} N=${n}: ${result.opened} opened (${result.failed} failed) in ${result.ms.toFixed(0)} ms = ${Math.round(rate)}/s;`
      + ` CPU per connection: server ${serverUs.toFixed(0)} µs, clients ${clientsUs.toFixed(0)} µs`)
    await fleet.closeAll()
    await target.waitForConnections(0)
  }
}

const peer = contenders.at(-1)!
for (const contender of contenders) {
  const ratios = contender.rates.map((rate, round) => rate / peer.rates[round]!)
  console.log(`${contender.id}: median ${Math.round(median(contender.rates))}/s, server ${median(contender.serverUs).toFixed(0)} µs, clients ${median(contender.clientsUs).toFixed(0)} µs per connection`
    + (contender === peer ? '' : `; vs ${peer.id} per round ${ratios.map(ratio => ratio.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)}x`))
}
for (const { fleet, target } of contenders) {
  await fleet.stop()
  await target.stop()
}
if (profile)
  console.log(`profile window: WIN=${window.fromUs},${window.toUs}`)
const path = profile ? mainThreadProfile(`${PROFILE_DIR}/connect-${targets[0]}-${n}`) : null
if (path)
  console.table(hotFunctions(path, 30, window).map(hot => ({ ...hot, selfMs: Math.round(hot.selfMs), share: `${(hot.share * 100).toFixed(1)}%` })))
