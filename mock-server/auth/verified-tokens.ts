// Tokens whose signature and claims have been checked, by their text. Every socket handshake and REST
// call presents a token, and the same token comes back many times (each reconnect, each tab, each
// request): its HMAC and JSON need checking once. What depends on the moment is not cached: expiry is
// compared with the clock on every lookup, and the caller still asks whether the session was revoked.

/** The claims the server reads from a token whose signature and claims jose accepted. */
export interface VerifiedClaims {
  sub: string
  sid: unknown
  /** Expiry, seconds since the epoch. */
  exp: number
}

/**
 * How many tokens are remembered. Only tokens that passed the signature check get in, so a client
 * cannot fill it with junk; past this the oldest entry goes. 10,000 entries of ~400 bytes: ~4 MB.
 */
export const VERIFIED_TOKENS_KEPT = 10_000

export type CachedVerification = { claims: VerifiedClaims, expired: false } | { expired: true }

export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedClaims>()

  constructor(private readonly capacity = VERIFIED_TOKENS_KEPT) {}

  /**
   * The claims of a token seen before, judged at `nowSec` as jose judges `exp` (expired once
   * `exp <= now - expiredFor`, whole seconds); undefined when the token was not seen.
   */
  lookup(token: string, nowSec: number, expiredFor: number): CachedVerification | undefined {
    const claims = this.entries.get(token)
    if (claims === undefined)
      return undefined
    if (claims.exp <= nowSec - expiredFor) {
      // A token past its expiry may still be presented for a refresh (expiredFor); keep it until then.
      if (expiredFor === 0)
        this.entries.delete(token)
      return { expired: true }
    }
    return { claims, expired: false }
  }

  remember(token: string, claims: VerifiedClaims): void {
    if (this.entries.size >= this.capacity && !this.entries.has(token))
      this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(token, claims)
  }

  get size(): number {
    return this.entries.size
  }
}
