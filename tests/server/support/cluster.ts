// Cluster tests: a real Redis and real server processes (deploy/cluster.ts), reached like any client
// would (fetch, `ws`, an SSE reader), plus a probe connection that reads Redis's own view of things.
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest'
import { REDIS_SERVER, startCluster, type ClusterOptions, type ClusterProcess, type RunningCluster } from '../../../deploy/cluster'
import type { ClusterStats } from '../../../mock-server/cluster/redis-hub'
import { Paths, type Envelope, type LoginResponse, type Notification } from '../../../src/protocol'
import { notificationInput } from './factories'
import { PASSWORDS } from './server'
import { closeAll, connect, type TestSocket } from './socket'
import { TestStream } from './sse'

export const redisAvailable = existsSync(REDIS_SERVER)
if (!redisAvailable)
  console.warn(`[cluster tests] skipped: ${REDIS_SERVER} is not installed (apt-get install -y redis-server)`)

/** `describe`, skipped (with the warning above) on a machine without Debian's redis-server. */
export const describeCluster = describe.skipIf(!redisAvailable)

/** Anything with a base URL: a cluster process or the nginx front. */
export interface Node {
  url: string
}

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

export interface ClusterClients {
  cluster: { current: RunningCluster }
  /** The first and second server process. */
  a: () => ClusterProcess
  b: () => ClusterProcess
  /** A notification socket on that process, closed after the test. */
  socketOn: (node: Node, token: string) => Promise<TestSocket>
  /** An SSE stream on that process, closed after the test. */
  streamOn: (node: Node, token: string, lastEventId?: string) => TestStream
  /** Any other socket (a task watcher, say), closed after the test. */
  closedAfterTest: (socket: TestSocket) => TestSocket
}

/**
 * A cluster for the file's tests and clients closed after each test; with `startEmpty`, each test also
 * waits until the cluster's record shows no connection left from the one before.
 */
export function useClusterClients(options: ClusterOptions & { startEmpty?: boolean } = {}): ClusterClients {
  const { startEmpty = false, ...clusterOptions } = options
  const cluster = useCluster(clusterOptions)
  const a = (): ClusterProcess => cluster.current.servers[0]
  const b = (): ClusterProcess => cluster.current.servers[1]
  const sockets: TestSocket[] = []
  const streams: TestStream[] = []
  afterEach(async () => {
    streams.splice(0).forEach(stream => stream.close())
    await closeAll(sockets)
    if (startEmpty)
      await expect.poll(async () => (await statsAt(a())).total_connections).toBe(0)
  })
  return {
    cluster,
    a,
    b,
    async socketOn(node, token) {
      const socket = await connectAt(node, token)
      sockets.push(socket)
      return socket
    },
    streamOn(node, token, lastEventId) {
      const stream = streamAt(node, token, lastEventId)
      streams.push(stream)
      return stream
    },
    closedAfterTest(socket) {
      sockets.push(socket)
      return socket
    },
  }
}

export async function apiAt<T = unknown>(node: Node, method: string, path: string, options: { token?: string, body?: unknown } = {}): Promise<{ status: number, body: Envelope<T> }> {
  const headers: Record<string, string> = {}
  if (options.token)
    headers.Authorization = `Bearer ${options.token}`
  if (options.body !== undefined)
    headers['Content-Type'] = 'application/json'
  const response = await fetch(`${node.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) })
  return { status: response.status, body: await response.json() as Envelope<T> }
}

export async function loginAt(node: Node, username: string): Promise<string> {
  const result = await apiAt<LoginResponse>(node, 'POST', Paths.login, { body: { username, password: PASSWORDS[username] } })
  if (!result.body.data)
    throw new Error(`login as ${username} failed: ${result.status} ${result.body.message}`)
  return result.body.data.access_token
}

export function socketUrlAt(node: Node, token: string, path: string = Paths.notificationsSocket): string {
  return `${node.url.replace(/^http/, 'ws')}${path}?token=${encodeURIComponent(token)}`
}

/** Opens a notification socket on that process and waits for `connected`. */
export function connectAt(node: Node, token: string): Promise<TestSocket> {
  return connect(socketUrlAt(node, token))
}

export function streamAt(node: Node, token: string, lastEventId?: string): TestStream {
  return new TestStream(`${node.url}${Paths.stream}?token=${encodeURIComponent(token)}`, lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId })
}

/** POST /api/notifications on that process (the caller must be allowed to notify `user`). */
export async function notifyAt(node: Node, token: string, user: string, overrides: Parameters<typeof notificationInput>[0] = {}): Promise<Notification> {
  const result = await apiAt<Notification>(node, 'POST', Paths.notifications, { token, body: notificationInput({ user, ...overrides }) })
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
