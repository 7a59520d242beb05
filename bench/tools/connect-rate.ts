// The connect-rate section alone (bench/connect/run-connect.ts), for any servers and size; with
// --profile, the first server's CPU profile cut to its last round, by self time.
//   node --import tsx bench/tools/connect-rate.ts <tidings|connect-floor|bare-ws|socket.io>[,<peer>...] [N] [--rounds=R] [--profile]
import { connectRatio, runConnectRate } from '../connect/run-connect'
import { PROFILE_DIR } from '../fanout/target'
import type { TargetId } from '../fanout/targets/types'
import { median } from '../lib/median'
import { hotFunctions, mainThreadProfile } from '../lib/profile-summary'

const args = process.argv.slice(2)
const profile = args.includes('--profile')
const rounds = Number(args.find(arg => arg.startsWith('--rounds='))?.slice('--rounds='.length) ?? 1)
const [ids = 'tidings', size = '5000'] = args.filter(arg => !arg.startsWith('--'))
const targets = ids.split(',') as TargetId[]
const clients = Number(size)
const profileName = profile ? `connect-${targets[0]}-${clients}` : undefined

const result = await runConnectRate({ clients, rounds, targets, perWorker: 2500, concurrency: 64, profileName }, console.log)
const peer = targets.at(-1)!
for (const { target, rounds: measured } of result.targets) {
  const ratio = target === peer ? null : connectRatio(result, target, peer)
  console.log(`${target}: median ${Math.round(median(measured.map(round => round.perSec)))}/s, server ${median(measured.map(round => round.serverUs)).toFixed(0)} µs,`
    + ` clients ${median(measured.map(round => round.clientsUs)).toFixed(0)} µs per connection`
    + (ratio ? `; vs ${peer} per round ${ratio.perRound.map(value => value.toFixed(2)).join(' ')}, median ${ratio.median.toFixed(2)}x` : ''))
}
const path = profileName ? mainThreadProfile(`${PROFILE_DIR}/${profileName}`) : null
if (path && result.profiledWindow)
  console.table(hotFunctions(path, 30, result.profiledWindow).map(hot => ({ ...hot, selfMs: Math.round(hot.selfMs), share: `${(hot.share * 100).toFixed(1)}%` })))
