// Retrying a resync that failed for a reason that passes. In a reconnect storm the server answers some
// of the thousands of resyncs with a network error, a 5xx or a 503 with Retry-After; a client that gave
// up then missed those notifications until its next reconnect. Shared by the store and the storm bench.
import { backoffDelay, type BackoffPolicy } from '@/realtime/backoff'

/** 0.5 s, 1 s, 2 s … 8 s, full jitter: the clients one overload turned away do not come back together. */
export const RESYNC_BACKOFF: BackoffPolicy = { base: 500, cap: 8000, jitter: 1 }

export interface ResyncRetryOptions {
  /** Aborted when the socket closes: the next open resyncs afresh. */
  signal?: AbortSignal
  /** @default RESYNC_BACKOFF */
  policy?: BackoffPolicy
  /** @default Math.random */
  random?: () => number
  /** Told of each failure that will be retried, and how long it waits. */
  onRetry?: (error: unknown, delayMs: number) => void
}

/** The HTTP status of a failed call (`ApiError.status`); 0 when none (the network failed). */
function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : 0
}

/** `Retry-After` in seconds carried by the error (`ApiError.retryAfterSec`), else null. */
function retryAfterSecOf(error: unknown): number | null {
  const seconds = (error as { retryAfterSec?: unknown } | null)?.retryAfterSec
  return typeof seconds === 'number' ? seconds : null
}

/**
 * How long to wait before attempt `attempt + 1`, or null when the failure will not pass by waiting
 * (a 4xx other than 408/429: a 401 already went through the token refresh in the HTTP layer).
 * A `Retry-After` is waited in full, plus the jittered backoff so its clients do not return at once.
 */
export function resyncRetryDelay(error: unknown, attempt: number, policy: BackoffPolicy = RESYNC_BACKOFF, random: () => number = Math.random): number | null {
  const status = statusOf(error)
  const passes = status === 0 || status === 408 || status === 429 || status >= 500
  if (!passes)
    return null
  const retryAfterSec = retryAfterSecOf(error)
  return (retryAfterSec ?? 0) * 1000 + backoffDelay(attempt, policy, random)
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done)
  })
}

/** Runs `attempt` until it succeeds, a failure will not pass, or `signal` aborts (then rejects with the last error). */
export async function withResyncRetry(attempt: () => Promise<void>, options: ResyncRetryOptions = {}): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt()
    }
    catch (error) {
      const delay = resyncRetryDelay(error, tries, options.policy, options.random)
      if (delay === null || options.signal?.aborted)
        throw error
      options.onRetry?.(error, delay)
      await pause(delay, options.signal)
      if (options.signal?.aborted)
        throw error
    }
  }
}
