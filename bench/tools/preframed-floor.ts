// The floor experiment of BENCHMARKS.md: bare ws sending with ws.send() against bare ws writing one
// pre-built frame straight to every TCP socket (BENCH_PREFRAMED=1), broadcasts interleaved.
//   node --import tsx bench/tools/preframed-floor.ts [N] [rounds]
import { LoadFleet } from '../fanout/fleet'
import { TargetHandle } from '../fanout/target'
import { LatencyHistogram, summarize } from '../lib/histogram'

const n = Number(process.argv[2] ?? 2000)
const rounds = Number(process.argv[3] ?? 10)
const variants: { name: string, target: TargetHandle, fleet: LoadFleet, histogram: LatencyHistogram }[] = []
for (const [name, env] of [['ws.send', {}], ['pre-built frame', { BENCH_PREFRAMED: '1' }]] as const) {
  const target = await TargetHandle.start('bare-ws', undefined, env)
  const fleet = await LoadFleet.start(n, 2500, name)
  await fleet.connect('ws', target.info.endpoints, n, 64)
  await target.waitForConnections(n)
  variants.push({ name, target, fleet, histogram: new LatencyHistogram() })
}
for (let round = -2; round < rounds; round++) {
  for (const variant of round % 2 ? variants : [...variants].reverse()) {
    await variant.fleet.reset()
    const answered = variant.target.publisher.publish()
    const result = await variant.fleet.collect(1, 30_000)
    await answered
    if (round >= 0)
      variant.histogram.merge(result.histogram.toJSON())
  }
}
for (const variant of variants) {
  const { p50Ms, p95Ms, p99Ms } = summarize(variant.histogram)
  console.log(`${variant.name}, ${n} sockets: p50 ${p50Ms.toFixed(1)} ms, p95 ${p95Ms.toFixed(1)} ms, p99 ${p99Ms.toFixed(1)} ms`)
  await variant.fleet.closeAll()
  await variant.fleet.stop()
  await variant.target.stop()
}
