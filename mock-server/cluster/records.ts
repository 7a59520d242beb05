// The cluster's record of notification sockets and SSE streams (for the per-user limit and the stats)
// and of live processes. Each process renews a lease (`alive:<id>`, holding its figures) every third of its TTL; a
// process that dies stops renewing, and its sockets stop counting once the lease expires. Commands go
// out on the publishing connection; one that fails (Redis away) marks the record stale, and the whole
// of this process's part is written again when Redis answers.
import type { Redis } from 'ioredis'
import type { Connection } from '../connections/connection'
import type { Logger } from '../logger'
import { memberIdOf, memberOf, STREAM_MEMBER_MARK, type ClusterKeys } from './keys'
import { Scripts, type ScriptName } from './scripts'

/** One process's figures, as every process reads them from Redis. */
export interface InstanceFigures {
  id: string
  pid: number
  started_at: string
  /** Open notification WebSockets on this process. */
  total_connections: number
  sse_connections: number
  task_connections: number
  /** Pushes that could not be sent to the other processes (Redis away) since this process started. */
  redis_publish_failures: number
}

export interface ClusterCounts {
  users: Record<string, number>
  instances: InstanceFigures[]
}

export interface ConnectionRecordsOptions {
  redis: Redis
  keys: ClusterKeys
  instanceId: string
  maxConnectionsPerUser: number
  ttlMs: number
  log: Logger
  /** This process's notification sockets and SSE streams, oldest first. */
  localSockets: () => Iterable<Connection>
  /** This process's current figures. */
  figures: () => InstanceFigures
  /** A member over the limit, to be closed with 4409 by the process that holds it. */
  onEvicted: (member: string) => void
}

/** Figures are rewritten at most this often while connections come and go. */
const FIGURES_DELAY_MS = 100

type ScriptRunner = (...args: (string | number)[]) => Promise<unknown>

function parseFigures(id: string, json: string): InstanceFigures | null {
  try {
    const figures = JSON.parse(json) as InstanceFigures
    return typeof figures === 'object' && figures !== null ? { ...figures, id } : null
  }
  catch {
    return null
  }
}

export class ConnectionRecords {
  private readonly scripts: Record<ScriptName, ScriptRunner>
  private readonly aliveKey: string
  /** A command failed or was skipped: what Redis holds for this process may be wrong. */
  private stale = true
  private figuresTimer: NodeJS.Timeout | null = null
  private readonly leaseTimer: NodeJS.Timeout

  constructor(private readonly options: ConnectionRecordsOptions) {
    const { redis, keys, instanceId, ttlMs } = options
    for (const [name, script] of Object.entries(Scripts))
      redis.defineCommand(`tidings_${name}`, script)
    const commands = redis as unknown as Record<string, ScriptRunner>
    this.scripts = Object.fromEntries(Object.keys(Scripts).map(name => [name, commands[`tidings_${name}`].bind(redis)])) as Record<ScriptName, ScriptRunner>
    this.aliveKey = keys.alive(instanceId)
    this.leaseTimer = setInterval(() => this.renew(), Math.max(50, ttlMs / 3))
    this.leaseTimer.unref()
    redis.on('ready', () => {
      // Whatever happened while Redis was away (it may have restarted empty), write this process's part again.
      this.stale = true
      this.renew()
    })
  }

  private get ready(): boolean {
    return this.options.redis.status === 'ready'
  }

  /** Records a notification socket or SSE stream; the cluster limit may evict older ones anywhere. */
  add(connection: Connection): void {
    this.changed()
    if (!this.ready) {
      this.stale = true
      return
    }
    const { keys, instanceId, maxConnectionsPerUser } = this.options
    this.scripts.add(keys.users, keys.sequence, keys.connectionsPrefix, keys.alivePrefix, maxConnectionsPerUser,
      connection.userId, memberOf(instanceId, memberIdOf(connection)))
      .then(evicted => this.evict(evicted), () => this.markStale())
  }

  remove(connection: Connection): void {
    this.changed()
    if (!this.ready) {
      this.stale = true
      return
    }
    const { keys, instanceId } = this.options
    this.scripts.remove(keys.connections(connection.userId), keys.users, memberOf(instanceId, memberIdOf(connection)), connection.userId)
      .catch(() => this.markStale())
  }

  /** This process's figures changed: rewrite them soon (batched). */
  changed(): void {
    if (this.figuresTimer !== null)
      return
    this.figuresTimer = setTimeout(() => {
      this.figuresTimer = null
      this.renew()
    }, FIGURES_DELAY_MS)
    this.figuresTimer.unref()
  }

  /** Every live process's figures and every user's open notification sockets across the cluster. */
  async counts(): Promise<ClusterCounts> {
    const { keys } = this.options
    const [userPairs, instancePairs] = await this.scripts.stats(keys.users, keys.instances, keys.connectionsPrefix, keys.alivePrefix, STREAM_MEMBER_MARK) as [unknown[], unknown[]]
    const users: Record<string, number> = {}
    for (let i = 0; i < userPairs.length; i += 2)
      users[String(userPairs[i])] = Number(userPairs[i + 1])
    const instances: InstanceFigures[] = []
    for (let i = 0; i < instancePairs.length; i += 2) {
      const figures = parseFigures(String(instancePairs[i]), String(instancePairs[i + 1]))
      if (figures)
        instances.push(figures)
    }
    return { users, instances }
  }

  /** Renews the lease with fresh figures; rewrites this process's records if Redis had lost them. */
  private renew(): void {
    if (!this.ready) {
      this.stale = true
      return
    }
    const { keys, instanceId, ttlMs } = this.options
    const rewrite = this.stale
    this.stale = false
    // Sent back to back: the lease exists before the records that depend on it are trimmed.
    this.scripts.beat(this.aliveKey, keys.instances, JSON.stringify(this.options.figures()), Math.round(ttlMs), instanceId)
      .then((existed) => {
        if (existed === 0 && !rewrite)
          this.resync()
      }, () => this.markStale())
    if (rewrite)
      this.resync()
  }

  private resync(): void {
    const { keys, instanceId, maxConnectionsPerUser, log } = this.options
    const pairs: string[] = []
    for (const connection of this.options.localSockets())
      pairs.push(connection.userId, memberOf(instanceId, memberIdOf(connection)))
    this.scripts.resync(keys.users, keys.sequence, keys.connectionsPrefix, keys.alivePrefix, maxConnectionsPerUser, instanceId, ...pairs)
      .then((evicted) => {
        if (pairs.length > 0)
          log('info', `cluster: recorded this process's ${pairs.length / 2} notification sockets and SSE streams in Redis again`)
        this.evict(evicted)
      }, () => this.markStale())
  }

  private markStale(): void {
    this.stale = true
  }

  private evict(members: unknown): void {
    if (Array.isArray(members)) {
      for (const member of members)
        this.options.onEvicted(String(member))
    }
  }

  /** Withdraws this process from the cluster's counts (clean shutdown) and stops renewing. */
  async close(): Promise<void> {
    clearInterval(this.leaseTimer)
    if (this.figuresTimer !== null)
      clearTimeout(this.figuresTimer)
    if (!this.ready)
      return
    const { keys, instanceId, maxConnectionsPerUser } = this.options
    await Promise.all([
      this.scripts.resync(keys.users, keys.sequence, keys.connectionsPrefix, keys.alivePrefix, maxConnectionsPerUser, instanceId),
      this.options.redis.del(this.aliveKey),
      this.options.redis.srem(keys.instances, instanceId),
    ]).catch(() => {})
  }
}
