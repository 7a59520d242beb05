// Every live connection, indexed the ways the server asks: by user (hub fan-out, per-user limits, stats),
// by sign-in session (logout), by task (progress fan-out). All changes are synchronous, so the per-user limit
// is atomic: however many handshakes finish together, each add() sees the result of the previous one.
// A user's notification sockets and SSE streams are one channel and share one limit.
import { CloseCause, CloseCode, CloseReason, type Stats } from '../../src/protocol'
import type { Connection, ConnectionKind } from './connection'

/** The document's stats plus per-kind counts (SSE streams and task sockets are not in `users`). */
export interface ConnectionStats extends Stats {
  task_connections: number
  sse_connections: number
}

/** setTimeout cannot wait longer than this; such tokens are caught by the heartbeat's expiry check. */
const MAX_TIMER_MS = 2 ** 31 - 1

function addTo<K>(index: Map<K, Set<Connection>>, key: K, connection: Connection): void {
  let set = index.get(key)
  if (!set)
    index.set(key, (set = new Set()))
  set.add(connection)
}

function removeFrom<K>(index: Map<K, Set<Connection>>, key: K, connection: Connection): void {
  const set = index.get(key)
  if (set?.delete(connection) && set.size === 0)
    index.delete(key)
}

function countOpen(set: Set<Connection> | undefined): number {
  let open = 0
  for (const connection of set ?? [])
    if (connection.isOpen())
      open++
  return open
}

function expire(connection: Connection): void {
  connection.close(CloseCode.Unauthorized, CloseCause.TokenExpired)
}

/** Told of every registration and removal: the Redis hub follows subscriptions and cluster records this way. */
export interface RegistryObserver {
  added: (connection: Connection) => void
  removed: (connection: Connection) => void
}

export interface RegistryLimits {
  /** Notification sockets and SSE streams per user; a new one evicts the oldest (4409). */
  maxConnectionsPerUser: number
  /** Task sockets per user (checked by `hasRoomForTaskSocket`, never evicted). */
  maxTaskSocketsPerUser: number
}

export class ConnectionRegistry {
  /** At most one; null in a single process, so registering costs nothing extra there. */
  observer: RegistryObserver | null = null
  private readonly all = new Set<Connection>()
  // Sets keep insertion order, so the first open entry is a user's oldest connection.
  /** Each user's notification sockets and SSE streams together: who gets a push, and what the limit counts. */
  private readonly channel = new Map<string, Set<Connection>>()
  /** Each user's task sockets (their own limit). */
  private readonly taskSockets = new Map<string, Set<Connection>>()
  private readonly bySession = new Map<string, Set<Connection>>()
  private readonly byTask = new Map<string, Set<Connection>>()
  private readonly expiryTimers = new Map<Connection, NodeJS.Timeout>()

  /**
   * `isSessionRevoked`: asked once more as a connection registers, because its token was verified
   * asynchronously and its session may have been signed out since (that logout closed only what was
   * registered then).
   */
  constructor(private readonly limits: RegistryLimits, private readonly isSessionRevoked: (sid: string) => boolean = () => false) {}

  /**
   * Registers a connection; false (and the connection closed with 4401) when its session was signed out
   * after its token was checked. A notification socket or SSE stream over the user's limit evicts the
   * user's oldest open ones of either kind (unregistered and closed with 4409).
   */
  add(connection: Connection): boolean {
    if (this.isSessionRevoked(connection.sessionId)) {
      connection.close(CloseCode.Unauthorized, CloseCause.LoggedOut)
      return false
    }
    const evicted: Connection[] = []
    const mine = connection.kind === 'task' ? undefined : this.channel.get(connection.userId)
    // Fewer entries than the limit means fewer open ones too: only a set at the limit is counted (one
    // pass over every socket of the user on each connect made a user's connects quadratic).
    if (mine && mine.size >= this.limits.maxConnectionsPerUser) {
      let open = countOpen(mine)
      for (const existing of [...mine]) {
        if (open < this.limits.maxConnectionsPerUser)
          break
        if (existing.isOpen()) {
          evicted.push(existing)
          open--
        }
        this.remove(existing)
      }
    }
    this.all.add(connection)
    addTo(this.bySession, connection.sessionId, connection)
    if (connection.kind === 'task') {
      addTo(this.taskSockets, connection.userId, connection)
      if (connection.taskId !== null)
        addTo(this.byTask, connection.taskId, connection)
    }
    else {
      addTo(this.channel, connection.userId, connection)
    }
    this.scheduleExpiry(connection)
    // After the evictions' removals, so a cluster record of the new connection never counts an evicted one.
    this.observer?.added(connection)
    for (const old of evicted)
      old.close(CloseCode.Replaced, CloseReason[CloseCode.Replaced])
    return true
  }

  /** Unregisters a connection (idempotent). */
  remove(connection: Connection): void {
    if (!this.all.delete(connection))
      return
    removeFrom(this.bySession, connection.sessionId, connection)
    removeFrom(connection.kind === 'task' ? this.taskSockets : this.channel, connection.userId, connection)
    if (connection.taskId !== null)
      removeFrom(this.byTask, connection.taskId, connection)
    const timer = this.expiryTimers.get(connection)
    if (timer) {
      clearTimeout(timer)
      this.expiryTimers.delete(connection)
    }
    this.observer?.removed(connection)
  }

  /**
   * The user's notification sockets and SSE streams, if any: who a pushed notification goes to. The
   * live set itself (no generator, no copy): the hub walks it on every publish.
   */
  channelOf(userId: string): ReadonlySet<Connection> | undefined {
    return this.channel.get(userId)
  }

  /** Whether the user may open one more task socket (their open ones are under the limit). */
  hasRoomForTaskSocket(userId: string): boolean {
    return countOpen(this.taskSockets.get(userId)) < this.limits.maxTaskSocketsPerUser
  }

  /** Sockets watching a task. */
  watchersOf(taskId: string): Iterable<Connection> {
    return this.byTask.get(taskId) ?? []
  }

  connections(): Iterable<Connection> {
    return this.all
  }

  /** Users with at least one open notification socket or SSE stream. */
  liveUserIds(): string[] {
    const users = new Set<string>()
    for (const [userId, set] of this.channel)
      if (countOpen(set) > 0)
        users.add(userId)
    return [...users]
  }

  /** Tasks with at least one watcher here. */
  watchedTaskIds(): string[] {
    return [...this.byTask.keys()]
  }

  /** Closes (and unregisters) every connection of this sign-in session; returns how many. */
  closeSession(sid: string, code: number, reason: string): number {
    const set = [...this.bySession.get(sid) ?? []]
    for (const connection of set) {
      this.remove(connection)
      connection.close(code, reason)
    }
    return set.length
  }

  /** Closes every connection (shutdown); they unregister as they go. */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.all])
      connection.close(code, reason)
  }

  terminateAll(): void {
    for (const connection of [...this.all]) {
      this.remove(connection)
      connection.terminate()
    }
  }

  get size(): number {
    return this.all.size
  }

  /** Counts open connections only, so the numbers match reality even while sockets are closing. */
  stats(): ConnectionStats {
    const users: Record<string, number> = {}
    let total = 0
    let streams = 0
    for (const [userId, set] of this.channel) {
      let sockets = 0
      for (const connection of set) {
        if (!connection.isOpen())
          continue
        if (connection.kind === 'sse')
          streams++
        else
          sockets++
      }
      if (sockets > 0) {
        users[userId] = sockets
        total += sockets
      }
    }
    let tasks = 0
    for (const set of this.byTask.values())
      tasks += countOpen(set)
    return {
      total_users: Object.keys(users).length,
      total_connections: total,
      users,
      task_connections: tasks,
      sse_connections: streams,
    }
  }

  private scheduleExpiry(connection: Connection): void {
    const delay = connection.expiresAtSec * 1000 - Date.now()
    if (delay > MAX_TIMER_MS)
      return
    // Whole seconds (exp has no finer grain): Node keeps one timer list per distinct duration, and
    // millisecond-distinct durations left thousands of empty lists behind after a wave of connections.
    const timer = setTimeout(expire, Math.max(0, Math.ceil(delay / 1000) * 1000), connection)
    timer.unref()
    this.expiryTimers.set(connection, timer)
  }
}

export type { Connection, ConnectionKind }
