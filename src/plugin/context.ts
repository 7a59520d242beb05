// Where the stores find the host app's session: its token, its refresh, its base URL and who is
// signed in. One context per Pinia (a WeakMap keyed by it), set by `createTidings` — not a Vue
// `inject()`, because stores are also created outside components (router guards, other stores, tests
// that build a Pinia without an app), and not one module-level value, because two apps on one page
// (or two simulated tabs in a test) each have their own Pinia and their own session.
import { getActivePinia, type Pinia } from 'pinia'
import { setApiBaseUrl, setTokenProvider, setUnauthorizedHandler } from '../api/http'

/** What Tidings needs to know about the host app's session. */
export interface TidingsSession {
  /** The current access token, or null when nobody is signed in. Read it from reactive state (a ref, a store) so Tidings sees it change. */
  getToken: () => string | null
  /** Fetches a fresh token; resolves true when one is there. Called once after a 401 or a refused socket. @default none: a 401 ends the call */
  refreshToken?: () => Promise<boolean>
  /** Who is signed in (any stable id): scopes the remembered badge count and clears state when another user signs in. @default signed in or not, from getToken() */
  getUserId?: () => string | null
  /** Origin of the Tidings API, without a trailing slash. @default '' (the page's own origin) */
  baseUrl?: string
}

/** A session with its defaults applied. */
export interface TidingsContext {
  getToken: () => string | null
  refreshToken: () => Promise<boolean>
  /** The signed-in user's key, or null when signed out. */
  userKey: () => string | null
  baseUrl: string
}

const signedOut: TidingsContext = contextOf({ getToken: () => null })
const contexts = new WeakMap<Pinia, TidingsContext>()

/** Applies the defaults of `TidingsSession` in one place. */
export function contextOf(session: TidingsSession): TidingsContext {
  const { getToken, refreshToken, getUserId } = session
  return {
    getToken,
    refreshToken: refreshToken ?? (() => Promise.resolve(false)),
    userKey: getUserId ?? (() => (getToken() ? 'signed-in' : null)),
    baseUrl: (session.baseUrl ?? '').replace(/\/$/, ''),
  }
}

/**
 * Gives a Pinia's stores the session they work for, and the REST client (one per page) its token,
 * refresh and base URL. `createTidings` does it; tests that build stores without an app call it.
 */
export function bindSession(pinia: Pinia, session: TidingsSession): TidingsContext {
  const context = contextOf(session)
  contexts.set(pinia, context)
  setTokenProvider(context.getToken)
  setUnauthorizedHandler(session.refreshToken ?? null)
  setApiBaseUrl(context.baseUrl)
  return context
}

/**
 * The session of the Pinia a store is being created in (Pinia makes it the active one while a
 * store's setup runs). Without `createTidings` nobody is signed in.
 */
export function tidingsContext(pinia: Pinia | undefined = getActivePinia()): TidingsContext {
  return (pinia && contexts.get(pinia)) ?? signedOut
}
