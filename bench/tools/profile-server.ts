// Profiles one server under test during one phase only (the connect phase is cut out by a time window
// on the shared monotonic clock), and prints where its CPU went by self time.
//   node --import tsx bench/tools/profile-server.ts <tidings|bare-ws|socket.io> <broadcast|sustain> [N] [rounds or seconds]
import { sleep } from '../lib/clock'
import { LoadFleet } from '../fanout/fleet'
import { PROFILE_DIR, TargetHandle } from '../fanout/target'
import type { TargetId } from '../fanout/targets/types'
import { LatencyHistogram, summarize } from '../lib/histogram'
import { hotFunctions, mainThreadProfile } from '../lib/profile-summary'

const [id = 'tidings', phase = 'broadcast', size = '2000', amount = '20'] = process.argv.slice(2)
const n = Number(size)
const nowUs = () => Number(process.hrtime.bigint() / 1000n)
const name = `${phase}-${id}-${n}`

const target = await TargetHandle.start(id as TargetId, name)
const fleet = await LoadFleet.start(n, 2500, 'profile')
await fleet.connect(target.clientKind, target.info.endpoints, n, 64)
await target.waitForConnections(n)
const histogram = new LatencyHistogram()
await target.child.call('loopDelayReset')
const from = nowUs()
if (phase === 'broadcast') {
  for (let round = 0; round < Number(amount); round++) {
    await fleet.reset()
    const answered = target.publisher.publish()
    histogram.merge((await fleet.collect(1, 30_000)).histogram.toJSON())
    await answered
    await sleep(50)
  }
}
else {
  await fleet.reset()
  const started = performance.now()
  const sent: Promise<number>[] = []
  for (let index = 0; index < Number(amount) * 100; index++) {
    const wait = started + index * 10 - performance.now()
    if (wait >= 1)
      await sleep(wait)
    sent.push(target.publisher.publish())
  }
  await Promise.all(sent)
  histogram.merge((await fleet.collect(sent.length, 120_000)).histogram.toJSON())
}
const to = nowUs()
console.log(`${id}, ${n} sockets, ${phase}:`, summarize(histogram), 'event-loop delay', await target.child.call('loopDelay'))
await fleet.closeAll()
await fleet.stop()
await target.stop()
const profile = mainThreadProfile(`${PROFILE_DIR}/${name}`)
if (profile)
  console.table(hotFunctions(profile, 25, { fromUs: from, toUs: to }).map(hot => ({ ...hot, selfMs: Math.round(hot.selfMs), share: `${(hot.share * 100).toFixed(1)}%` })))
