// Everything the hub says to the other processes goes out here, on the process's one publishing
// connection, never queued: while Redis is away a message fails at once, is counted, and is logged at
// most once per 5 s. A failed *push* also leaves its channel remembered (MissedChannels); once the
// connection is ready again, a Resync goes out on each, so the clients elsewhere that missed it resync.
import type { Redis } from 'ioredis'
import type { Logger } from '../logger'
import { MissedChannels } from './resync'
import { encodeWire, WireKind } from './wire'

/** At most one "publish failed" line per this long, however many pushes fail. */
const FAILURE_LOG_EVERY_MS = 5000

export interface ClusterPublisherOptions {
  redis: Redis
  /** This process's id (the origin of every message). */
  origin: string
  /** The channel whose Resync reaches every client of every process (when too many channels missed). */
  broadcastChannel: string
  log: Logger
  /** Called after each failure (the process's figures changed). */
  onFailure: () => void
}

export class ClusterPublisher {
  /** Messages that could not be published since this process started. */
  failures = 0
  private lastFailureLogAt = 0
  private readonly missed: MissedChannels

  constructor(private readonly options: ClusterPublisherOptions) {
    this.missed = new MissedChannels(options.broadcastChannel)
    options.redis.on('ready', () => this.publishMissed())
  }

  /** Publishes a push (a user's or a task's); if that fails, its channel is resynced once Redis is back. */
  push(channel: string, message: string): void {
    this.publish(channel, message, true)
  }

  /** Publishes a command (evict, close sessions): nothing to resync when it fails. */
  send(channel: string, message: string): void {
    this.publish(channel, message, false)
  }

  private publish(channel: string, message: string, resyncOnFailure: boolean): void {
    const { redis } = this.options
    if (redis.status !== 'ready') {
      this.failed('not connected', resyncOnFailure ? channel : null)
      return
    }
    redis.publish(channel, message).catch((error: Error) => this.failed(error.message, resyncOnFailure ? channel : null))
  }

  private publishMissed(): void {
    const channels = this.missed.take()
    if (channels.length === 0)
      return
    // A Resync that fails in turn is remembered again by push(), for the next `ready`.
    for (const channel of channels)
      this.push(channel, encodeWire(WireKind.Resync, this.options.origin, ''))
    this.options.log('info', `cluster: Redis is back; asked the other processes to resync the clients of ${channels.length} channel(s) whose pushes failed`)
  }

  private failed(reason: string, missedChannel: string | null): void {
    if (missedChannel !== null)
      this.missed.add(missedChannel)
    this.failures++
    this.options.onFailure()
    const now = Date.now()
    if (now - this.lastFailureLogAt < FAILURE_LOG_EVERY_MS)
      return
    this.lastFailureLogAt = now
    this.options.log('warn', `redis publish failed (${reason}): delivered to this process's clients only; `
      + `${this.failures} pushes have missed the other processes so far (their clients there will be told to resync)`)
  }
}
