// The sustained phase (100 broadcasts/s) for several servers at once, interleaved: every server holds
// its N clients, then short bursts go to each in turn, the order rotating every round, so a noisy
// machine hits all of them alike. Frames/s = receipts / (first publish → last receipt), per burst;
// the median over rounds is printed per server, with the server's CPU time per frame. A server may be given an environment (id:NAME=value).
//   node --import tsx bench/tools/sustain-interleaved.ts [N] [seconds per burst] [rounds] [id[:K=V]...]
import { sleep } from '../lib/clock'
import { LoadFleet } from '../fanout/fleet'
import { TargetHandle } from '../fanout/target'
import type { TargetId } from '../fanout/targets/types'

const [size = '5000', burst = '3', rounds = '5', ...specs] = process.argv.slice(2)
const n = Number(size)
const seconds = Number(burst)
const RATE = 100
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

interface Contender { label: string, target: TargetHandle, fleet: LoadFleet, rates: number[], serverUs: number[] }
const contenders: Contender[] = []
for (const spec of specs.length ? specs : ['tidings', 'bare-ws']) {
  const [id, ...assignments] = spec.split(':')
  const env = Object.fromEntries(assignments.map(item => item.split('=', 2) as [string, string]))
  const target = await TargetHandle.start(id as TargetId, undefined, env)
  const fleet = await LoadFleet.start(n, 2500, spec)
  await fleet.connect(target.clientKind, target.info.endpoints, n, 64)
  await target.waitForConnections(n)
  contenders.push({ label: spec, target, fleet, rates: [], serverUs: [] })
}

/** Frames/s, and the server's CPU µs per frame delivered (steadier than the rate on a shared machine). */
async function burstOn({ target, fleet }: Contender): Promise<[number, number]> {
  await fleet.reset()
  const cpu = await target.cpuSeconds()
  const total = RATE * seconds
  const started = performance.now()
  const sent: Promise<unknown>[] = []
  let failed = 0
  for (let index = 0; index < total; index++) {
    const wait = started + index * (1000 / RATE) - performance.now()
    if (wait >= 1)
      await sleep(wait)
    // A keep-alive connection the server closed while idle (between bursts) fails one publish, as in
    // the fan-out section: counted, not fatal.
    sent.push(target.publisher.publish().catch(() => failed++))
  }
  await Promise.all(sent)
  const result = await fleet.collect(total - failed, 300_000)
  const rate = result.receipts / ((performance.now() - started) / 1000)
  return [rate, (await target.cpuSeconds() - cpu) * 1e6 / result.receipts]
}

for (let round = -1; round < Number(rounds); round++) {
  const shift = (round + 1) % contenders.length
  for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
    const [rate, serverUs] = await burstOn(contender)
    if (round >= 0) {
      contender.rates.push(rate)
      contender.serverUs.push(serverUs)
    }
    await sleep(200)
  }
}
for (const contender of contenders) {
  console.log(`${contender.label}, ${n} sockets: median ${Math.round(median(contender.rates))} frames/s (${contender.rates.map(Math.round).join(', ')}),`
    + ` server CPU ${median(contender.serverUs).toFixed(2)} µs per frame`)
  await contender.fleet.closeAll()
  await contender.fleet.stop()
  await contender.target.stop()
}
