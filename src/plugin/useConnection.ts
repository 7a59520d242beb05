// The notification connection as a headless composable: its state, and the three things a user
// can do about it.
import { computed, type ComputedRef } from 'vue'
import type { ConnectionStatus, TransportKind } from '../realtime'
import { useWebSocketStore } from '../stores/websocket'

export interface UseConnectionReturn {
  /** idle, connecting, open, reconnecting, offline, no-network, unauthorized or replaced. */
  status: ComputedRef<ConnectionStatus>
  /** The server has spoken on the current connection. */
  connected: ComputedRef<boolean>
  /** Which transport carries it (WebSocket, or the SSE fallback); null when none does. */
  transport: ComputedRef<TransportKind | null>
  /** Reconnect attempts since the last open. */
  reconnectAttempts: ComputedRef<number>
  /** Why the last connection ended or failed, in plain words; null after a clean open. */
  lastError: ComputedRef<string | null>
  /** Opens the connection (a no-op while open or on its way); `autoConnect` does it on sign-in. */
  connect: () => void
  /** Closes it for good: no reconnect until `connect()`. */
  disconnect: () => void
  /** Skips the backoff wait and tries now (a "retry now" button). */
  retryNow: () => void
}

/** The live connection to the Tidings server (one per browser, shared by the tabs). */
export function useConnection(): UseConnectionReturn {
  const store = useWebSocketStore()
  return {
    status: computed(() => store.status),
    connected: computed(() => store.connected),
    transport: computed(() => store.transport),
    reconnectAttempts: computed(() => store.reconnectAttempts),
    lastError: computed(() => store.lastError),
    connect: store.connect,
    disconnect: store.disconnect,
    retryNow: store.reconnectNow,
  }
}
