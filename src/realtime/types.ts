import type { ClientMessage, Synced } from '@/protocol'
import type { SyncQuery } from './syncRequests'

/** Where a connection is in its life (SPEC §2). */
export type ConnectionStatus =
  | 'idle' // never connected, or closed by disconnect()
  | 'connecting' // first attempt after connect()
  | 'open' // the server has spoken on this connection
  | 'reconnecting' // lost; waiting for the next attempt or trying it
  | 'offline' // gave up after maxReconnectAttempts; retries on `online`, visibility or reconnectNow()
  | 'no-network' // the browser has no network (`offline` event): no attempts until `online` or reconnectNow()
  | 'unauthorized' // the server refused the token and a refresh did not help: sign in again
  | 'replaced' // evicted by a newer connection of the same user (4409); no automatic reconnect

export type TransportKind = 'websocket' | 'sse'

/** Everything a UI may show about a connection, as one immutable value. */
export interface ConnectionSnapshot {
  /** Where the connection is in its life. */
  status: ConnectionStatus
  /** Reconnect attempts since the last successful open. */
  reconnectAttempts: number
  /** Why the last connection ended or failed, in plain words; null after a clean open. */
  lastError: string | null
  /** Which transport carries the current connection; null when none does. */
  transport: TransportKind | null
  /** Frames that failed validation and were dropped. */
  droppedFrames: number
}

export const initialSnapshot: ConnectionSnapshot = {
  status: 'idle',
  reconnectAttempts: 0,
  lastError: null,
  transport: null,
  droppedFrames: 0,
}

export interface CloseInfo {
  /** The WebSocket close code (see `CloseCode`). */
  code: number
  /** The close reason the server gave. */
  reason: string
}

export interface InvalidFrame {
  /** Why the frame was dropped (see `ErrorCode`). */
  code: string
  /** What was wrong, in words. */
  message: string
}

/** Events a connection emits. */
export interface ConnectionEvents<M> {
  /** The snapshot changed. */
  state: ConnectionSnapshot
  /** A validated frame from the server (or from the leader tab). */
  message: M
  /** The connection (re)opened: a good moment to resync by REST. */
  open: void
  /** A socket or stream closed (the connection may reconnect). */
  close: CloseInfo
  /** A frame failed validation and was dropped. */
  invalid: InvalidFrame
}

/** What the stores see of a connection, whether it holds the socket itself or follows a leader tab. */
export interface RealtimeConnection<M> {
  /** The connection's state now. */
  readonly snapshot: ConnectionSnapshot
  /** The live WebSocket of this tab (null in a follower tab, on SSE, or when closed). */
  readonly socket: WebSocket | null
  /** Whether this tab holds the connection (always true without a leader election). */
  readonly isLeader: boolean
  /** Opens the connection (reconnecting by itself from then on). */
  connect(): void
  /** Closes for good: no reconnect until connect() is called again. */
  disconnect(): void
  /** Skips the wait: tries at once, with a fresh attempt budget. */
  reconnectNow(): void
  /** Reopens with fresh credentials (the token changed); keeps exactly one socket. */
  restart(): void
  /** Sends now when open, else queues (bounded) until the next open. Returns whether it was sent now. */
  send(message: ClientMessage): boolean
  /** Whether `sync` can ask now: this tab holds an open WebSocket (not SSE, not a follower) to a server that knows it. */
  readonly canSync: boolean
  /**
   * v1.4: resyncs over the open WebSocket: sends `sync` and resolves with its `synced`; rejects
   * (`SyncFailed`) on its `error`, the socket's close, `syncTimeout`, or at once when `canSync` is false.
   */
  sync(query: SyncQuery): Promise<Synced>
  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof ConnectionEvents<M>>(event: K, listener: (payload: ConnectionEvents<M>[K]) => void): () => void
  /** disconnect() and drop every listener and global event handler. */
  dispose(): void
}
