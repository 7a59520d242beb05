// The hub: every push (a new notification, a read-state change, a task's progress) is turned into an
// OutboundEvent whose WebSocket frame and SSE block are each serialised once, however many sockets and
// streams receive it. WebSocket and SSE subscribers of a user are fed from the same place.
// `LocalHub` serves one process; `RedisHub` (cluster/) wraps it to reach the other processes too.
import { CloseCause, CloseCode, encodeMessage, type ServerMessage } from '../src/protocol'
import type { Connection, ConnectionRegistry, ConnectionStats } from './connections/registry'
import { textFrame } from './ws/frames'

export class OutboundEvent {
  private wsBuffer: Buffer | null = null
  private wsFramed: Buffer | null = null
  private sseText: string | null = null
  private sseBuffer: Buffer | null = null

  /**
   * `message` comes from a builder of `src/protocol` (typed by the client's schemas). `id` becomes the
   * SSE `id:` line (notifications only), so Last-Event-ID can resume after it. `wsText` is the frame
   * when it is already known (received from another process, which built it the same way).
   */
  constructor(readonly message: ServerMessage, readonly id: string | null = null, private wsText: string | null = null) {}

  get type(): ServerMessage['type'] {
    return this.message.type
  }

  get wsFrame(): string {
    return (this.wsText ??= encodeMessage(this.message))
  }

  /** The frame as UTF-8 bytes: sending a Buffer spares `ws` one encoding per socket. */
  get wsBytes(): Buffer {
    return (this.wsBuffer ??= Buffer.from(this.wsFrame))
  }

  /** The whole WebSocket frame (header and bytes), built once and written as is to every socket. */
  get wsFrameBytes(): Buffer {
    return (this.wsFramed ??= textFrame(this.wsBytes))
  }

  get sseBlock(): string {
    // JSON.stringify escapes newlines, so the payload is always one `data:` line.
    return (this.sseText ??= `${this.id === null ? '' : `id: ${this.id}\n`}event: ${this.type}\ndata: ${JSON.stringify(this.message.data)}\n\n`)
  }

  /** The block as UTF-8 bytes: encoded once for every stream, and Node's buffer counts it in bytes (not characters). */
  get sseBytes(): Buffer {
    return (this.sseBuffer ??= Buffer.from(this.sseBlock))
  }
}

/** What a connection is waiting on: a user's pushes (notification sockets, SSE) or a task's. */
export type TopicKind = 'user' | 'task'

export interface Hub {
  /** True when other processes share the users and tasks (pushes may arrive from elsewhere). */
  readonly clustered: boolean
  /** Sends the event to every notification socket and SSE stream of the user; returns how many got it here. */
  publish: (userId: string, event: OutboundEvent) => number
  /** Sends a task's new state to its watchers, closing them (1000) when it has finished; returns how many here. */
  publishTask: (taskId: string, event: OutboundEvent, finished: boolean) => number
  /** Closes every connection of these sign-in sessions (logout), on every process; returns how many here. */
  closeSessions: (sids: readonly string[], code: number, reason: string) => number
  /**
   * Makes pushes on a topic reach this process before a connection for it is registered. Await the
   * promise (if any) before reading the state the connection starts from, then call `release`.
   * Null when pushes already arrive (always in a single process).
   */
  hold: (kind: TopicKind, id: string) => Promise<void> | null
  /** Ends a `hold` (the registered connection now keeps the topic). */
  release: (kind: TopicKind, id: string) => void
  /** GET /api/ws/stats: this process's counts, or (through Redis) the whole cluster's. */
  stats: () => ConnectionStats | Promise<ConnectionStats>
  /** Users with a live notification socket or stream (the demo feed's recipients). */
  liveUserIds: () => string[] | Promise<string[]>
  /** Stops background work and lets go of any broker connection (after the connections are closed). */
  close: () => Promise<void>
  /** Tells the other processes that a snooze ends at `atMs`, so their wake timers look then too (no-op alone). */
  announceWake: (atMs: number) => void
  /** Called with each wake time another process announces (set by the wake scheduler). */
  wakeListener: ((atMs: number) => void) | null
}

/**
 * Runs `register` once pushes on the topic reach this process: at once in a single process (returning
 * nothing, or what `register` returns), after the broker confirms the subscription with several
 * (returning the promise). A `register` that returns a promise (it reads storage) holds the topic
 * until that settles.
 */
export function whenSubscribed(hub: Hub, kind: TopicKind, id: string, register: () => void | Promise<void>): Promise<void> | undefined {
  const waiting = hub.hold(kind, id)
  if (waiting !== null)
    return waiting.then(() => registerHolding(hub, kind, id, register))
  // A single process connects here, every time: no closure to allocate.
  return registerHolding(hub, kind, id, register)
}

/** Runs `register` while the topic is held, and releases it once registering is over. */
function registerHolding(hub: Hub, kind: TopicKind, id: string, register: () => void | Promise<void>): Promise<void> | undefined {
  let registering: void | Promise<void>
  try {
    registering = register()
  }
  catch (error) {
    hub.release(kind, id)
    throw error
  }
  if (registering === undefined) {
    hub.release(kind, id)
    return undefined
  }
  return registering.finally(() => hub.release(kind, id))
}

/** Hands the event to each connection of a set (each checks it is open, once); returns how many took it. */
function deliverToAll(connections: ReadonlySet<Connection> | undefined, event: OutboundEvent): number {
  let delivered = 0
  if (connections) {
    for (const connection of connections) {
      if (connection.deliver(event))
        delivered++
    }
  }
  return delivered
}

/** One process: pushes go straight to the sockets and streams this process holds. */
export class LocalHub implements Hub {
  readonly clustered: boolean = false

  constructor(private readonly registry: ConnectionRegistry) {}

  publish(userId: string, event: OutboundEvent): number {
    return deliverToAll(this.registry.channelOf(userId), event)
  }

  publishTask(taskId: string, event: OutboundEvent, finished: boolean): number {
    // A copy: closing a watcher unregisters it while we iterate.
    const watchers = [...this.registry.watchersOf(taskId)]
    for (const watcher of watchers) {
      watcher.deliver(event)
      if (finished)
        watcher.close(CloseCode.Normal, CloseCause.TaskFinished)
    }
    return watchers.length
  }

  closeSessions(sids: readonly string[], code: number, reason: string): number {
    let closed = 0
    for (const sid of sids)
      closed += this.registry.closeSession(sid, code, reason)
    return closed
  }

  hold(): null {
    return null
  }

  release(): void {}

  stats(): ConnectionStats {
    return this.registry.stats()
  }

  liveUserIds(): string[] {
    return this.registry.liveUserIds()
  }

  async close(): Promise<void> {}

  announceWake(): void {}

  wakeListener: ((atMs: number) => void) | null = null
}
