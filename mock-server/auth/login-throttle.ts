// Failed sign-ins are counted per user name and per client address over a window that starts at the
// first failure. At the limit, further attempts are refused (429) before any password is checked, so
// guessing costs the attacker time and the server no scrypt. Attempts still being checked count too:
// a thousand simultaneous guesses cannot all slip in before the first failure is recorded.
//
// A success clears its name's failures (the owner got in), not its address's: otherwise an attacker
// holding one account could reset the address count between guesses at others.

export interface LoginThrottleOptions {
  /** Failed sign-ins for one user name within the window. @default 5 */
  maxFailuresPerUser: number
  /** Failed sign-ins from one client address within the window, whatever the names. @default 50 */
  maxFailuresPerAddress: number
  /** Seconds from a name's or address's first failure until its count starts again. @default 900 */
  windowSec: number
}

/** What was counted for one name or one address. */
interface Tally {
  failures: number
  /** Attempts admitted whose password is still being checked. */
  pending: number
  /** When `failures` starts again from zero (ms since the epoch); set by the first failure. */
  resetsAtMs: number
}

/** An admitted attempt: report its outcome exactly once. */
export interface LoginAttempt {
  failed: () => void
  succeeded: () => void
}

export type LoginVerdict =
  | { admitted: true, attempt: LoginAttempt }
  | { admitted: false, retryAfterSec: number, limitedBy: 'user' | 'address' }

/** Forgotten tallies are swept at most this often, so the maps stay bounded by recent activity. */
const SWEEP_EVERY_MS = 60_000

export class LoginThrottle {
  private readonly users = new Map<string, Tally>()
  private readonly addresses = new Map<string, Tally>()
  private nextSweepAt = 0

  constructor(private readonly options: LoginThrottleOptions) {}

  /** Admits an attempt (reserving its place under both limits) or says how long to wait. */
  begin(username: string, address: string): LoginVerdict {
    const now = Date.now()
    this.sweep(now)
    // Case does not make a new name to guess at.
    const user = this.tally(this.users, username.toLowerCase(), now)
    const from = this.tally(this.addresses, address, now)
    if (user.failures + user.pending >= this.options.maxFailuresPerUser)
      return { admitted: false, retryAfterSec: this.retryAfter(user, now), limitedBy: 'user' }
    if (from.failures + from.pending >= this.options.maxFailuresPerAddress)
      return { admitted: false, retryAfterSec: this.retryAfter(from, now), limitedBy: 'address' }
    user.pending++
    from.pending++
    let settled = false
    const settle = (failed: boolean) => {
      if (settled)
        return
      settled = true
      const at = Date.now()
      for (const tally of [user, from]) {
        tally.pending--
        if (failed && this.current(tally, at).failures++ === 0)
          tally.resetsAtMs = at + this.options.windowSec * 1000
      }
      if (!failed)
        user.failures = 0
    }
    return { admitted: true, attempt: { failed: () => settle(true), succeeded: () => settle(false) } }
  }

  private tally(map: Map<string, Tally>, key: string, now: number): Tally {
    let tally = map.get(key)
    if (!tally)
      map.set(key, (tally = { failures: 0, pending: 0, resetsAtMs: 0 }))
    return this.current(tally, now)
  }

  /** The tally with its failures cleared once its window has passed. */
  private current(tally: Tally, now: number): Tally {
    if (tally.failures > 0 && now >= tally.resetsAtMs)
      tally.failures = 0
    return tally
  }

  /** Whole seconds until the window ends; 1 when only attempts in flight fill it. */
  private retryAfter(tally: Tally, now: number): number {
    if (tally.failures === 0)
      return 1
    return Math.max(1, Math.ceil((tally.resetsAtMs - now) / 1000))
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt)
      return
    this.nextSweepAt = now + SWEEP_EVERY_MS
    for (const map of [this.users, this.addresses]) {
      for (const [key, tally] of map) {
        if (tally.pending === 0 && this.current(tally, now).failures === 0)
          map.delete(key)
      }
    }
  }
}
