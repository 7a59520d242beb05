export interface BackoffPolicy {
  /** Delay before the first retry (ms). */
  base: number
  /** Longest delay (ms). */
  cap: number
  /** Share of the delay that is random: 1 is "full jitter" (anywhere in 0..ceiling), 0 is none. */
  jitter: number
}

/**
 * Delay before reconnect attempt `attempt` (0-based): the ceiling min(base·2^attempt, cap), of
 * which a `jitter` share is random, so a thousand tabs that lost the server together do not
 * return in the same millisecond.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.base * 2 ** Math.max(0, attempt), policy.cap)
  const jitter = Math.min(1, Math.max(0, policy.jitter))
  return Math.round(ceiling * (1 - jitter * random()))
}
