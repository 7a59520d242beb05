// Cluster tests: a real Redis and real server processes (deploy/cluster.ts), reached like any client
// would (fetch, `ws`, an SSE reader), plus a probe connection that reads Redis's own view of things.
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe } from 'vitest'
import { REDIS_SERVER, startCluster, type ClusterOptions, type RunningCluster } from '../../../deploy/cluster'
import type { ClusterStats } from '../../../mock-server/cluster/redis-hub'
import { Paths, type Notification } from '../../../src/protocol'
import { notificationInput } from './factories'
import { api, type Node } from './server'

export const redisAvailable = existsSync(REDIS_SERVER)
if (!redisAvailable)
  console.warn(`[cluster tests] skipped: ${REDIS_SERVER} is not installed (apt-get install -y redis-server)`)

/** `describe`, skipped (with the warning above) on a machine without Debian's redis-server. */
export const describeCluster = describe.skipIf(!redisAvailable)

/** Starts Redis, the processes and (unless `frontPort: null`) nginx before the file's tests; stops them after. */
export function useCluster(options: ClusterOptions = {}): { current: RunningCluster } {
  const holder = {} as { current: RunningCluster }
  beforeAll(async () => {
    holder.current = await startCluster(options)
  }, 60_000)
  afterAll(async () => {
    await holder.current?.stop()
  }, 30_000)
  return holder
}

/** POST /api/notifications on that process (the caller must be allowed to notify `user`). */
export async function notifyAt(node: Node, token: string, user: string, overrides: Parameters<typeof notificationInput>[0] = {}): Promise<Notification> {
  const result = await api<Notification>(node, 'POST', Paths.notifications, { token, body: notificationInput({ user, ...overrides }) })
  if (result.status !== 201)
    throw new Error(`notify failed: ${result.status} ${result.body.message}`)
  return result.body.data!
}

export async function statsAt(node: Node): Promise<ClusterStats> {
  const response = await fetch(`${node.url}${Paths.stats}`)
  return response.json() as Promise<ClusterStats>
}

/** A plain client of the cluster's Redis, to read CLIENT LIST, PUBSUB and keys. */
export function probeRedis(url: string): Redis {
  return new Redis(url, { connectionName: 'tidings-test-probe', maxRetriesPerRequest: 1, retryStrategy: () => 200 })
}

/** Redis connections by name (`tidings:<instance>:pub|sub`), the probe's own left out. */
export async function clientNames(redis: Redis): Promise<string[]> {
  const list = await redis.client('LIST') as string
  return list.split('\n')
    .map(line => /(?:^| )name=(\S*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'tidings-test-probe')
}

/** How many processes are subscribed to a user's channel. */
export async function subscribersOfUser(redis: Redis, user: string): Promise<number> {
  const [, count] = await redis.pubsub('NUMSUB', `tidings:user:${user}`) as [string, number]
  return Number(count)
}
