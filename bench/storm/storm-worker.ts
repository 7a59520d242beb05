// A load-worker process of the storm: holds a few thousand clients of one kind and, on request, says
// how many are back and what each one lost or holds twice.
import { cpuMsSince } from '../lib/cpu'
import { serve } from '../lib/ipc'
import { attempts, openSocketIoClient, openTidingsClient, type StormClient } from './clients'

export interface StormConnectArgs {
  kind: 'tidings' | 'socket.io'
  base: string
  /** Tokens of the load users; client i uses user i % tokens.length. */
  tokens: string[]
  users: string[]
  count: number
  concurrency: number
}

const clients: Array<{ client: StormClient, user: string }> = []
let missedByUser: Record<string, string[]> | null = null
let cpuMark = process.cpuUsage()

async function connect({ kind, base, tokens, users, count, concurrency }: StormConnectArgs): Promise<{ opened: number, firstError: string | null }> {
  let next = 0
  let firstError: string | null = null
  async function lane(): Promise<void> {
    while (next < count) {
      const index = next++
      const user = users[index % users.length]!
      const token = tokens[index % tokens.length]!
      try {
        const client = kind === 'tidings'
          ? await openTidingsClient(base, token, () => missedByUser?.[user] ?? null)
          : await openSocketIoClient(base, token)
        clients.push({ client, user })
      }
      catch (error) {
        firstError ??= (error as Error).message
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane))
  return { opened: clients.length, firstError }
}

serve({
  connect: (args: StormConnectArgs) => connect(args),
  expectMissed: (ids: Record<string, string[]>) => {
    missedByUser = ids
  },
  /** Starts counting this process's CPU (the restarted server is listening). */
  markCpu: () => {
    cpuMark = process.cpuUsage()
  },
  /** CPU this process spent since `markCpu` (ms): its clients' share of the machine during the storm. */
  cpuMs: () => cpuMsSince(cpuMark),
  /** Epoch ms at which each client came back (null: not yet). */
  backTimes: () => clients.map(({ client }) => client.backAt),
  /** Epoch ms at which each client's socket last opened (null: not since it lost the server). */
  openTimes: () => clients.map(({ client }) => (client.downAt !== null && client.openAt !== null && client.openAt > client.downAt ? client.openAt : null)),
  /** Epoch ms of each socket attempt and probe since `since`. */
  timeline: (since: number) => ({ sockets: attempts.sockets.filter(time => time >= since), probes: attempts.probes.filter(time => time >= since) }),
  tally: () => {
    let lost = 0
    let duplicated = 0
    let clientsLosing = 0
    let resyncFailures = 0
    let abandoned = 0
    let lastFailure: string | null = null
    for (const { client, user } of clients) {
      resyncFailures += client.failures.count
      abandoned += client.abandoned
      lastFailure = client.failures.last ?? lastFailure
      const result = client.tally(missedByUser?.[user] ?? [])
      lost += result.lost
      duplicated += result.duplicated
      clientsLosing += Number(result.lost > 0)
    }
    return { lost, duplicated, clientsLosing, resyncFailures, lastFailure, abandoned, clients: clients.length }
  },
  closeAll: () => {
    clients.splice(0).forEach(({ client }) => client.close())
  },
})
