// The hub for several processes behind one Redis. A push is delivered to this process's sockets at once
// (exactly as LocalHub does, so local delivery never depends on Redis) and published once on the user's
// or task's channel, tagged with this process's id; every other process that has subscribers there
// delivers it to its own, and the sender ignores its echo. Each process holds exactly two Redis
// connections (publisher, subscriber) whatever the number of clients. Pushes lost while Redis is away
// are followed by a `resync` to the clients that may have missed them (resync.ts).
import { randomBytes } from 'node:crypto'
import { CloseCause, CloseCode, CloseReason } from '../../src/protocol'
import type { Connection } from '../connections/connection'
import type { ConnectionRegistry, ConnectionStats, RegistryObserver } from '../connections/registry'
import { LocalHub, type Hub, type OutboundEvent, type TopicKind } from '../hub'
import type { Logger } from '../logger'
import { ClusterKeys, memberIdOf, parseMember } from './keys'
import { ConnectionRecords, type InstanceFigures } from './records'
import { createRedisPair, redactRedisUrl, whenReady, type RedisPair } from './redis-clients'
import { ClusterPublisher } from './publisher'
import { LocalResync, type TaskState } from './resync'
import { ChannelSubscriptions } from './subscriptions'
import { decodeWire, encodeWire, eventOf, WireKind } from './wire'

export interface RedisHubOptions {
  /** `redis://host:port` */
  redisUrl: string
  /** Key and channel prefix. @default 'tidings:' */
  prefix?: string
  /** A dead process's connections stop counting after this long. @default 15000 */
  instanceTtlMs?: number
  /** Notification sockets and SSE streams per user across the cluster. @default 3 */
  maxConnectionsPerUser?: number
  /** A task's current state (null when unknown), shown again to watchers that may have missed its progress. */
  taskState: (taskId: string) => Promise<TaskState | null>
  /**
   * Whether a sign-in session was revoked, by any process (the shared table): sign-outs made while this
   * process heard nothing from Redis still close their connections here once it hears again.
   */
  isSessionRevoked: (sid: string) => Promise<boolean>
  /** Sessions another process announced as signed out (so a connection still registering here is refused). */
  sessionsRevoked: (sids: readonly string[]) => void
  registry: ConnectionRegistry
  log: Logger
}

/** GET /api/ws/stats through Redis: the document's fields for the whole cluster, plus each process's figures. */
export interface ClusterStats extends ConnectionStats {
  /** `unavailable`: Redis cannot be reached, and the figures are this process's only. */
  redis: 'connected' | 'unavailable'
  instances: InstanceFigures[]
}

/** How long startup waits for Redis before serving anyway (local delivery works without it). */
const STARTUP_WAIT_MS = 5000
/** GET /api/ws/stats answers with this process's figures rather than wait longer for Redis. */
const STATS_WAIT_MS = 2000

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)
    promise.then((value) => {
      clearTimeout(timer)
      resolve(value)
    }, (error: unknown) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

export class RedisHub implements Hub, RegistryObserver {
  readonly clustered: boolean = true
  /** This process in the cluster: pid plus random bits, unique across restarts. */
  readonly id = `${process.pid}-${randomBytes(4).toString('hex')}`
  private readonly local: LocalHub
  private readonly keys: ClusterKeys
  private readonly redis: RedisPair
  private readonly subscriptions: ChannelSubscriptions
  private readonly records: ConnectionRecords
  private readonly publisher: ClusterPublisher
  private readonly resync: LocalResync
  /** This process's notification sockets and SSE streams by member id (evict commands name them), oldest first. */
  private readonly members = new Map<string, Connection>()
  private readonly startedAt = new Date().toISOString()

  constructor(private readonly options: RedisHubOptions) {
    const { registry, log } = options
    this.local = new LocalHub(registry)
    this.keys = new ClusterKeys(options.prefix ?? 'tidings:')
    this.redis = createRedisPair(options.redisUrl, `${this.keys.prefix}${this.id}`, log)
    this.resync = new LocalResync(this.local, registry, options.taskState)
    this.subscriptions = new ChannelSubscriptions(this.redis.subscriber, log, () => this.resubscribed())
    this.records = new ConnectionRecords({
      redis: this.redis.publisher,
      keys: this.keys,
      instanceId: this.id,
      maxConnectionsPerUser: options.maxConnectionsPerUser ?? 3,
      ttlMs: options.instanceTtlMs ?? 15_000,
      log,
      localSockets: () => this.members.values(),
      figures: () => this.figures(),
      onEvicted: member => this.evict(member),
    })
    this.publisher = new ClusterPublisher({
      redis: this.redis.publisher,
      origin: this.id,
      broadcastChannel: this.keys.broadcastChannel,
      log,
      onFailure: () => this.records.changed(),
    })
    this.redis.subscriber.on('message', (channel: string, text: string) => this.receive(channel, text))
    // Always wanted: commands for this process, and for every process.
    this.subscriptions.retain(this.keys.instanceChannel(this.id))
    this.subscriptions.retain(this.keys.broadcastChannel)
    registry.observer = this
  }

  /** Waits (boundedly) until both connections are up, so the first clients already reach the cluster. */
  async start(): Promise<void> {
    const [publisher, subscriber] = await Promise.all([
      whenReady(this.redis.publisher, STARTUP_WAIT_MS),
      whenReady(this.redis.subscriber, STARTUP_WAIT_MS),
    ])
    const where = redactRedisUrl(this.options.redisUrl)
    if (publisher && subscriber)
      this.options.log('info', `cluster: instance ${this.id} fans out through Redis at ${where}`)
    else
      this.options.log('warn', `cluster: Redis at ${where} is not answering yet; serving this process's clients only until it does`)
  }

  // ---- Hub ----

  // Published first, delivered here second: the other processes start while this one writes to its sockets.

  publish(userId: string, event: OutboundEvent): number {
    this.publisher.push(this.keys.userChannel(userId), encodeWire(WireKind.UserEvent, this.id, event.id ?? '', event.wsFrame))
    return this.local.publish(userId, event)
  }

  publishTask(taskId: string, event: OutboundEvent, finished: boolean): number {
    this.publisher.push(this.keys.taskChannel(taskId), encodeWire(WireKind.TaskEvent, this.id, finished ? '1' : '0', event.wsFrame))
    return this.local.publishTask(taskId, event, finished)
  }

  closeSessions(sids: readonly string[], code: number, reason: string): number {
    const closed = this.local.closeSessions(sids, code, reason)
    if (sids.length > 0)
      this.publisher.send(this.keys.broadcastChannel, encodeWire(WireKind.CloseSessions, this.id, sids.join(','), `${code} ${reason}`))
    return closed
  }

  hold(kind: TopicKind, id: string): Promise<void> | null {
    const channel = this.channelOf(kind, id)
    this.subscriptions.retain(channel)
    return this.subscriptions.ready(channel)
  }

  release(kind: TopicKind, id: string): void {
    this.subscriptions.release(this.channelOf(kind, id))
  }

  async stats(): Promise<ClusterStats> {
    const local = this.options.registry.stats()
    const mine = this.figures(local)
    const alone: ClusterStats = { ...local, redis: 'unavailable', instances: [mine] }
    if (this.redis.publisher.status !== 'ready')
      return alone
    let counts
    try {
      counts = await within(this.records.counts(), STATS_WAIT_MS)
    }
    catch {
      return alone
    }
    // This process's own figures are read live rather than from its last write.
    const instances = [mine, ...counts.instances.filter(instance => instance.id !== this.id)]
    let total = 0
    for (const count of Object.values(counts.users))
      total += count
    return {
      total_users: Object.keys(counts.users).length,
      total_connections: total,
      users: counts.users,
      task_connections: instances.reduce((sum, instance) => sum + instance.task_connections, 0),
      sse_connections: instances.reduce((sum, instance) => sum + instance.sse_connections, 0),
      redis: 'connected',
      instances,
    }
  }

  wakeListener: ((atMs: number) => void) | null = null

  announceWake(atMs: number): void {
    this.publisher.send(this.keys.broadcastChannel, encodeWire(WireKind.Wake, this.id, String(atMs)))
  }

  async liveUserIds(): Promise<string[]> {
    const local = this.local.liveUserIds()
    const stats = await this.stats()
    return [...new Set([...Object.keys(stats.users), ...local])]
  }

  async close(): Promise<void> {
    this.options.registry.observer = null
    await this.records.close()
    await this.redis.close()
  }

  // ---- RegistryObserver ----

  // Notification sockets and SSE streams are one channel: both are recorded for the cluster's limit.

  added(connection: Connection): void {
    if (connection.kind !== 'task') {
      this.members.set(memberIdOf(connection), connection)
      this.subscriptions.retain(this.keys.userChannel(connection.userId))
      this.records.add(connection)
      return
    }
    if (connection.taskId !== null)
      this.subscriptions.retain(this.keys.taskChannel(connection.taskId))
    this.records.changed()
  }

  removed(connection: Connection): void {
    if (connection.kind !== 'task') {
      this.members.delete(memberIdOf(connection))
      this.subscriptions.release(this.keys.userChannel(connection.userId))
      this.records.remove(connection)
      return
    }
    if (connection.taskId !== null)
      this.subscriptions.release(this.keys.taskChannel(connection.taskId))
    this.records.changed()
  }

  // ---- internals ----

  private channelOf(kind: TopicKind, id: string): string {
    return kind === 'user' ? this.keys.userChannel(id) : this.keys.taskChannel(id)
  }

  private figures(stats: ConnectionStats = this.options.registry.stats()): InstanceFigures {
    return {
      id: this.id,
      pid: process.pid,
      started_at: this.startedAt,
      total_connections: stats.total_connections,
      sse_connections: stats.sse_connections,
      task_connections: stats.task_connections,
      redis_publish_failures: this.publisher.failures,
    }
  }

  /** Subscriber back and every channel confirmed: pushes from elsewhere may have passed our clients by. */
  private resubscribed(): void {
    this.resubscribedAsync().catch((error: Error) =>
      this.options.log('error', `cluster: resync after an outage failed: ${error.message}`))
  }

  private async resubscribedAsync(): Promise<void> {
    const signedOut = await this.closeSignedOut()
    if (signedOut > 0)
      this.options.log('info', `cluster: closed ${signedOut} connection(s) of sessions signed out while Redis was away`)
    const told = await this.resync.everyone()
    if (told > 0)
      this.options.log('info', `cluster: subscribed again after an outage; told ${told} local connection(s) to resync`)
  }

  /** Closes (4401) the local connections of sessions revoked meanwhile, whose close command may have been lost. */
  private async closeSignedOut(): Promise<number> {
    const sessions = new Set<string>()
    for (const connection of this.options.registry.connections())
      sessions.add(connection.sessionId)
    const checked = await Promise.all([...sessions].map(async sid => ({ sid, revoked: await this.options.isSessionRevoked(sid) })))
    const revoked = checked.filter(check => check.revoked).map(check => check.sid)
    return revoked.length === 0 ? 0 : this.local.closeSessions(revoked, CloseCode.Unauthorized, CloseCause.LoggedOut)
  }

  private evict(member: string): void {
    const parsed = parseMember(member)
    if (!parsed)
      return
    if (parsed.instanceId === this.id)
      this.members.get(parsed.memberId)?.close(CloseCode.Replaced, CloseReason[CloseCode.Replaced])
    else
      this.publisher.send(this.keys.instanceChannel(parsed.instanceId), encodeWire(WireKind.Evict, this.id, parsed.memberId))
  }

  private receive(channel: string, text: string): void {
    const message = decodeWire(text)
    if (message === null) {
      this.options.log('warn', `redis: ignored a message on ${channel} that is not a Tidings message`)
      return
    }
    if (message.origin === this.id)
      return
    switch (message.kind) {
      case WireKind.UserEvent: {
        const event = channel.startsWith(this.keys.userChannelPrefix) ? eventOf(message.body, message.argument || null) : null
        if (event)
          this.local.publish(channel.slice(this.keys.userChannelPrefix.length), event)
        return
      }
      case WireKind.TaskEvent: {
        const event = channel.startsWith(this.keys.taskChannelPrefix) ? eventOf(message.body, null) : null
        if (event)
          this.local.publishTask(channel.slice(this.keys.taskChannelPrefix.length), event, message.argument === '1')
        return
      }
      case WireKind.Evict:
        this.members.get(message.argument)?.close(CloseCode.Replaced, CloseReason[CloseCode.Replaced])
        return
      case WireKind.CloseSessions: {
        const space = message.body.indexOf(' ')
        const code = Number(message.body.slice(0, space))
        if (space > 0 && Number.isInteger(code)) {
          const sids = message.argument.split(',')
          if (code === CloseCode.Unauthorized)
            this.options.sessionsRevoked(sids)
          this.local.closeSessions(sids, code, message.body.slice(space + 1))
        }
        return
      }
      case WireKind.Wake: {
        const atMs = Number(message.argument)
        if (channel === this.keys.broadcastChannel && Number.isFinite(atMs))
          this.wakeListener?.(atMs)
        return
      }
      case WireKind.Resync:
        if (channel === this.keys.broadcastChannel)
          void this.resync.everyone()
        else if (channel.startsWith(this.keys.userChannelPrefix))
          this.resync.user(channel.slice(this.keys.userChannelPrefix.length))
        else if (channel.startsWith(this.keys.taskChannelPrefix))
          void this.resync.task(channel.slice(this.keys.taskChannelPrefix.length))
    }
  }
}

/** Connects to Redis (waiting boundedly) and returns the hub. */
export async function startRedisHub(options: RedisHubOptions): Promise<RedisHub> {
  const hub = new RedisHub(options)
  await hub.start()
  return hub
}
