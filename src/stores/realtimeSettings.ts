// How the stores build their connections. The defaults suit the browser; tests and embedders
// override pieces (timings, a WebSocket implementation, a lock provider) before a store is created.
import type { ConnectionOptions, LockProvider } from '@/realtime'

export interface RealtimeSettings {
  /** Options for every connection the stores open (merged over the connection's own defaults). */
  connection: ConnectionOptions<never>
  /** Web Locks used for the leader election; null: every tab connects on its own. @default navigator.locks */
  locks?: LockProvider | null
  /** BroadcastChannel implementation for the tab relay; null disables it. @default globalThis.BroadcastChannel */
  BroadcastChannel?: (new (name: string) => BroadcastChannel) | null
  /** Notifications kept in memory. @default 500 */
  inboxLimit: number
  /** Page size of the resync on every (re)connect. @default 20 */
  syncPageSize: number
  /** How long done, delete and bulk actions can be undone; a delete is sent when it ends. @default 5000 */
  undoMs: number
}

const defaults: RealtimeSettings = { connection: {}, inboxLimit: 500, syncPageSize: 20, undoMs: 5000 }
let current: RealtimeSettings = { ...defaults }

export function configureRealtime(overrides: Partial<RealtimeSettings>): void {
  current = { ...current, ...overrides, connection: { ...current.connection, ...overrides.connection } }
}

export function resetRealtimeSettings(): void {
  current = { ...defaults }
}

export function realtimeSettings(): RealtimeSettings {
  return current
}
