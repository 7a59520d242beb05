// Token buckets: a steady rate with room for a burst. One per socket (client messages), one per user
// (client messages across all the user's sockets, and connects), so reconnecting resets nothing.
// Per process: with several processes behind Redis a user's allowance is per process (documented).

export interface Rate {
  /** Tokens added per second. */
  perSecond: number
  /** Most tokens held at once (and the start). */
  burst: number
}

export class TokenBucket {
  private tokens: number
  private at: number

  constructor(private readonly rate: Rate, now = Date.now()) {
    this.tokens = rate.burst
    this.at = now
  }

  /** Takes one token: true when it was there (the action is within the rate). */
  take(now = Date.now()): boolean {
    this.tokens = this.level(now)
    this.at = now
    if (this.tokens < 1)
      return false
    this.tokens -= 1
    return true
  }

  /** True when the bucket would be full by now, i.e. forgetting it changes nothing. */
  isFull(now = Date.now()): boolean {
    return this.level(now) >= this.rate.burst
  }

  private level(now: number): number {
    return Math.min(this.rate.burst, this.tokens + ((now - this.at) / 1000) * this.rate.perSecond)
  }
}

/** A bucket per key (user id), created on first use. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>()
  /** The map is swept of full buckets when it grows past this, so it stays the size of the active users. */
  private sweepAt = 1024

  constructor(private readonly rate: Rate) {}

  take(key: string, now = Date.now()): boolean {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= this.sweepAt)
        this.sweep(now)
      this.buckets.set(key, (bucket = new TokenBucket(this.rate, now)))
    }
    return bucket.take(now)
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.isFull(now))
        this.buckets.delete(key)
    }
    this.sweepAt = Math.max(1024, this.buckets.size * 2)
  }
}

/**
 * Client messages a socket, and a user across all their sockets, may send: 20 per second on average,
 * 40 in one burst. More closes the socket that sent it with 1008.
 */
export const MESSAGE_RATE: Rate = { perSecond: 20, burst: 40 }

/** Connect bursts hold this many seconds' worth of the user's connect rate. */
const CONNECT_BURST_SECONDS = 3

/** The per-user limits of one server. */
export interface UserRateLimits {
  /** Client messages of all the user's sockets together. */
  messages: KeyedBuckets
  /** WebSocket handshakes and SSE streams opened. */
  connects: KeyedBuckets
}

export function createUserRateLimits(connectsPerSecond: number, messagesPerSecond = MESSAGE_RATE.perSecond): UserRateLimits {
  return {
    messages: new KeyedBuckets({ perSecond: messagesPerSecond, burst: messagesPerSecond * 2 }),
    connects: new KeyedBuckets({ perSecond: connectsPerSecond, burst: Math.max(1, Math.round(connectsPerSecond * CONNECT_BURST_SECONDS)) }),
  }
}
