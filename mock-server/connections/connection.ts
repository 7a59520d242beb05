// What the registry, the hub and the heartbeat need from a live client, whatever carries it.
import type { OutboundEvent } from '../hub'

/** `notifications` and `task` are WebSockets; `sse` is the EventSource compatibility stream. */
export type ConnectionKind = 'notifications' | 'task' | 'sse'

export interface Connection {
  readonly id: string
  readonly kind: ConnectionKind
  readonly userId: string
  /** The sign-in session of the token it was opened with (logout closes exactly these). */
  readonly sessionId: string
  /** The token's expiry, seconds since the epoch: the connection is closed then. */
  readonly expiresAtSec: number
  /** The watched task, for `task` connections. */
  readonly taskId: string | null
  /** Open and usable (a closing socket no longer counts anywhere). */
  isOpen: () => boolean
  /** Sends a pushed event; false when nothing was sent because the connection is no longer open. */
  deliver: (event: OutboundEvent) => boolean
  /** One heartbeat tick: send the heartbeat, and for WebSockets check the previous ping was answered. */
  beat: (heartbeat: OutboundEvent) => void
  /** Closes with a WebSocket close code (SSE streams simply end). */
  close: (code: number, reason: string) => void
  /** Drops the transport at once, without a closing handshake. */
  terminate: () => void
}
