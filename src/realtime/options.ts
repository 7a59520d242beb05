import { ConnectionRoutes, parseNotificationChannelMessage, type NotificationChannelMessage, type ParseResult } from '@/protocol'
import type { EventSourceConstructor, WebSocketConstructor } from './transports'

/** Minimal event target for `online` (window) and `visibilitychange` (document). */
export interface EventSourceLike {
  /** Starts hearing an event. */
  addEventListener(type: string, listener: () => void): void
  /** Stops hearing it. */
  removeEventListener(type: string, listener: () => void): void
}

export interface ConnectionOptions<M = NotificationChannelMessage> {
  /** Socket path on the API host. @default Paths.notificationsSocket */
  path?: string
  /** Validates one frame; failures are counted and dropped. @default parseNotificationChannelMessage */
  parse?: (raw: unknown) => ParseResult<M>
  /** The current token, read at every attempt; null means "not signed in" (→ unauthorized). @default () => null */
  getToken?: () => string | null
  /** Asked once after a 4401; true means a fresh token is ready and we reconnect at once. @default undefined (4401 → unauthorized) */
  refreshToken?: () => Promise<boolean>
  /** API base URL; '' uses the page's host. @default import.meta.env.VITE_API_BASE_URL ?? '' */
  baseUrl?: string
  /** The page location (protocol and host) URLs are built from. @default globalThis.location */
  location?: Pick<Location, 'protocol' | 'host'>
  /** How the token travels: `?token=` (documented) or subprotocols `tidings.v1, bearer.<jwt>`. @default 'query' */
  auth?: 'query' | 'subprotocol'
  /** Expected heartbeat period (ms); the `connected` frame's `heartbeat_interval` replaces it. @default 30_000 */
  heartbeatInterval?: number
  /** Silence of this many heartbeat periods means the socket is dead. @default 2.5 */
  watchdogFactor?: number
  /**
   * Time allowed from starting an attempt to the server's first frame (ms). As long as Socket.IO's: a
   * server restarting under thousands of tabs answers the last handshakes late, and an attempt given up
   * is done again. @default 20_000
   */
  openTimeout?: number
  /** First reconnect delay ceiling (ms). @default 1000 */
  backoffBase?: number
  /** Largest reconnect delay (ms). @default 30_000 */
  backoffCap?: number
  /** Random share of each delay: 1 = full jitter, 0 = none. @default 1 */
  jitter?: number
  /** Reconnect attempts before going offline. @default 10 */
  maxReconnectAttempts?: number
  /** How long a `sync` waits for its `synced` before the resync reads by REST instead (ms). @default 10_000 */
  syncTimeout?: number
  /** Messages held while not open; the oldest is dropped beyond this. @default 100 */
  maxQueuedMessages?: number
  /** SSE stream path used when WebSocket keeps failing; null disables the fallback. @default null */
  ssePath?: string | null
  /** Consecutive failed WebSocket opens before trying SSE. @default 3 */
  sseAfterFailures?: number
  /** Whether plain HTTP works (so SSE is worth trying). @default () => Promise.resolve(true) */
  probeHttp?: () => Promise<boolean>
  /** While on SSE, try WebSocket again after this long (ms). @default 60_000 */
  sseRetryWebSocketAfter?: number
  /** A cheap GET asked every `probeInterval` while a reconnect waits, to notice a returning server at once; null disables. @default null */
  probePath?: string | null
  /** Time between probes while waiting (ms). @default 1000 */
  probeInterval?: number
  /** The probe's fetch. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Where `onLine` is read (false: no attempt until `online`); null disables. @default globalThis.navigator */
  navigator?: {
    /** False while the browser has no network. */
    onLine?: boolean
  } | null
  /** WebSocket implementation. @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor
  /** EventSource implementation; without one there is no SSE fallback. @default globalThis.EventSource */
  EventSource?: EventSourceConstructor
  /** Where `online` and `offline` fire; null disables. @default globalThis.window */
  window?: EventSourceLike | null
  /** Where `visibilitychange` fires and `visibilityState` is read; null disables. @default globalThis.document */
  document?: (EventSourceLike & {
    /** `visible` or `hidden`. */
    visibilityState?: string
  }) | null
  /** Random source for jitter (tests pin it). @default Math.random */
  random?: () => number
}

type OptionalKeys = 'refreshToken' | 'EventSource' | 'location' | 'window' | 'document' | 'navigator'
export type ResolvedConnectionOptions<M> = Required<Omit<ConnectionOptions<M>, OptionalKeys>> & Pick<ConnectionOptions<M>, OptionalKeys>

/** Applies every default in one place. */
export function resolveOptions<M>(options: ConnectionOptions<M>): ResolvedConnectionOptions<M> {
  const g = globalThis as typeof globalThis & { EventSource?: EventSourceConstructor }
  return {
    path: ConnectionRoutes.notificationsSocket.path,
    parse: parseNotificationChannelMessage as unknown as (raw: unknown) => ParseResult<M>,
    getToken: () => null,
    baseUrl: import.meta.env?.VITE_API_BASE_URL ?? '',
    auth: 'query',
    heartbeatInterval: 30_000,
    watchdogFactor: 2.5,
    openTimeout: 20_000,
    backoffBase: 1000,
    backoffCap: 30_000,
    jitter: 1,
    maxReconnectAttempts: 10,
    maxQueuedMessages: 100,
    syncTimeout: 10_000,
    ssePath: null,
    sseAfterFailures: 3,
    probeHttp: () => Promise.resolve(true),
    sseRetryWebSocketAfter: 60_000,
    probePath: null,
    probeInterval: 1000,
    fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args),
    WebSocket: g.WebSocket,
    EventSource: g.EventSource,
    window: typeof window === 'undefined' ? null : window,
    document: typeof document === 'undefined' ? null : document,
    navigator: typeof navigator === 'undefined' ? null : navigator,
    random: Math.random,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  }
}
