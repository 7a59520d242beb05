// The connect-rate section (issue 18 §2). Each server is started once with its own load workers
// (2,500 clients each, 64 handshakes in flight) and warmed with 50 clients; then every round connects N
// clients to each server in turn, the order rotating every round, timed, and closes them. Whatever else
// the machine does in a given minute hits every server alike, and a ratio is the median of the
// per-round ratios. A single connect right after the workers start also times the clients' own warm-up
// (their CPU per connect halves after the first round), which is why this is not taken from fan-out.
import { LoadFleet } from '../fanout/fleet'
import { TargetHandle } from '../fanout/target'
import type { TargetId } from '../fanout/targets/types'
import { median } from '../lib/median'
import type { TimeWindow } from '../lib/profile-summary'

export interface ConnectSettings {
  clients: number
  rounds: number
  /** Listed in this order; the first one is profiled when `profileName` is given. */
  targets: TargetId[]
  perWorker: number
  concurrency: number
  profileName?: string
}

export interface ConnectRound {
  perSec: number
  failed: number
  /** CPU per connection (µs): steadier than the rate on a shared machine, as it does not count waiting. */
  serverUs: number
  clientsUs: number
}

export interface ConnectTargetResult {
  target: TargetId
  rounds: ConnectRound[]
}

export interface ConnectResult {
  settings: Omit<ConnectSettings, 'profileName'>
  targets: ConnectTargetResult[]
  /** The first target's last round on the profile's clock. */
  profiledWindow: TimeWindow | null
}

export interface ConnectRatio {
  perRound: number[]
  median: number
}

/** `target`'s rate over `peer`'s, round by round (they ran in the same minutes), and their median. */
export function connectRatio(result: ConnectResult, target: TargetId, peer: TargetId): ConnectRatio | null {
  const ours = result.targets.find(entry => entry.target === target)
  const theirs = result.targets.find(entry => entry.target === peer)
  if (!ours || !theirs)
    return null
  const perRound = ours.rounds.map((round, index) => round.perSec / theirs.rounds[index]!.perSec)
  return { perRound, median: median(perRound) }
}

interface Contender { target: TargetHandle, fleet: LoadFleet, result: ConnectTargetResult }

const nowUs = () => Number(process.hrtime.bigint() / 1000n)

async function roundOf({ target, fleet }: Contender, settings: ConnectSettings): Promise<ConnectRound & { window: TimeWindow }> {
  const serverCpu = await target.cpuSeconds()
  const clientsCpu = await fleet.cpuSeconds()
  const fromUs = nowUs()
  const connect = await fleet.connect(target.clientKind, target.info.endpoints, settings.clients, settings.concurrency)
  const window = { fromUs, toUs: nowUs() }
  const serverUs = (await target.cpuSeconds() - serverCpu) * 1e6 / connect.opened
  const clientsUs = (await fleet.cpuSeconds() - clientsCpu) * 1e6 / connect.opened
  await target.waitForConnections(connect.opened)
  await fleet.closeAll()
  await target.waitForConnections(0)
  return { perSec: connect.opened / (connect.ms / 1000), failed: connect.failed, serverUs, clientsUs, window }
}

export async function runConnectRate(settings: ConnectSettings, log: (line: string) => void): Promise<ConnectResult> {
  const contenders: Contender[] = []
  let profiledWindow: TimeWindow | null = null
  try {
    for (const [index, id] of settings.targets.entries()) {
      const target = await TargetHandle.start(id, index === 0 ? settings.profileName : undefined)
      const fleet = await LoadFleet.start(settings.clients, settings.perWorker, `connect-${id}`)
      contenders.push({ target, fleet, result: { target: id, rounds: [] } })
      await fleet.connect(target.clientKind, target.info.endpoints, 50, settings.concurrency)
      await target.waitForConnections(50)
      await fleet.closeAll()
      await target.waitForConnections(0)
    }
    for (let round = 0; round < settings.rounds; round++) {
      const shift = round % contenders.length
      for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
        const { window, ...measured } = await roundOf(contender, settings)
        contender.result.rounds.push(measured)
        if (contender === contenders[0])
          profiledWindow = window
        log(`  round ${round + 1} ${contender.result.target}: ${Math.round(measured.perSec)}/s (${measured.failed} failed);`
          + ` CPU per connection: server ${measured.serverUs.toFixed(0)} µs, clients ${measured.clientsUs.toFixed(0)} µs`)
      }
    }
  }
  finally {
    for (const { fleet, target } of contenders) {
      await fleet.stop()
      await target.stop()
    }
  }
  const { profileName: _, ...kept } = settings
  return { settings: kept, targets: contenders.map(contender => contender.result), profiledWindow }
}
