// Which channels this process listens to, counted by the local connections that need them: a channel is
// subscribed when its first local subscriber arrives and dropped when its last one leaves. On every
// `ready` (first connect, or Redis back after an outage) all of them are subscribed again in one command —
// we do not rely on the client library's automatic re-subscription — and once all are confirmed,
// `onResubscribed` runs: what was published while we were not listening has passed us by.
import type { Redis } from 'ioredis'
import type { Logger } from '../logger'

/** How long a new connection waits for its channel's subscription before it proceeds anyway. */
const SUBSCRIBE_WAIT_MS = 2000

function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    void promise.then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

export class ChannelSubscriptions {
  private readonly counts = new Map<string, number>()
  /** Subscriptions sent and not yet confirmed. */
  private readonly pending = new Map<string, Promise<void>>()

  constructor(private readonly redis: Redis, private readonly log: Logger, onResubscribed: () => void = () => {}) {
    redis.on('ready', () => {
      void this.subscribeAll().then((confirmed) => {
        // Not confirmed: the connection dropped again, and its next `ready` tries again.
        if (confirmed)
          onResubscribed()
      })
    })
  }

  retain(channel: string): void {
    const count = this.counts.get(channel) ?? 0
    this.counts.set(channel, count + 1)
    if (count === 0 && this.redis.status === 'ready')
      this.subscribe([channel])
  }

  release(channel: string): void {
    const count = this.counts.get(channel)
    if (count === undefined)
      return
    if (count > 1) {
      this.counts.set(channel, count - 1)
      return
    }
    this.counts.delete(channel)
    this.pending.delete(channel)
    if (this.redis.status === 'ready')
      this.redis.unsubscribe(channel).catch(() => {})
  }

  /** Resolves once messages on the channel reach us (bounded wait); null when they already do or Redis is away. */
  ready(channel: string): Promise<void> | null {
    const pending = this.pending.get(channel)
    return pending === undefined ? null : settleWithin(pending, SUBSCRIBE_WAIT_MS)
  }

  /** Channels currently wanted (for tests and logs). */
  get size(): number {
    return this.counts.size
  }

  /** Subscribes; the promise resolves to whether Redis confirmed it. */
  private subscribe(channels: string[]): Promise<boolean> {
    let confirmed = false
    const done: Promise<void> = this.redis.subscribe(...channels).then(
      () => {
        confirmed = true
      },
      (error: Error) => this.log('warn', `redis subscribe failed (${channels.length} channels): ${error.message}; retried when Redis is back`),
    ).finally(() => {
      for (const channel of channels) {
        if (this.pending.get(channel) === done)
          this.pending.delete(channel)
      }
    })
    for (const channel of channels)
      this.pending.set(channel, done)
    return done.then(() => confirmed)
  }

  /** Resolves to whether every wanted channel is confirmed subscribed. */
  private async subscribeAll(): Promise<boolean> {
    const channels = [...this.counts.keys()]
    const batches: Promise<boolean>[] = []
    // Bounded command size however many users and tasks this process serves.
    for (let start = 0; start < channels.length; start += 1000)
      batches.push(this.subscribe(channels.slice(start, start + 1000)))
    return (await Promise.all(batches)).every(Boolean)
  }
}
