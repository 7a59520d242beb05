// The one storage interface the server talks to, whichever engine is behind it (SQLite in-process, or
// PostgreSQL over the network): every method returns a Promise, so an engine that waits on a socket fits
// the same shape as one that answers at once. Each method is one unit of work, atomic on its own
// (a transaction where it writes more than one row), so no caller holds a transaction across awaits.
import type { NotificationStore } from './notifications'
import type { PreferenceStore } from './preferences'
import type { SessionStore } from './sessions'
import type { TaskStore } from './tasks'
import type { TriageStore } from './triage'

export interface Storage {
  /** 'sqlite' or 'postgres', for the start-up log line. */
  readonly engine: string
  notifications: NotificationStore
  triage: TriageStore
  tasks: TaskStore
  sessions: SessionStore
  preferences: PreferenceStore
  /** Releases the engine (closes the file, or ends the pool). */
  close: () => Promise<void>
}

/** The synchronous twin of an async store: what better-sqlite3 answers at once. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K]
}

/**
 * The async store over a synchronous one. A SQLite store's method runs whole (its transaction included)
 * before the promise is made, so its atomicity is unchanged; a throw becomes a rejection.
 */
export function promised<T extends object>(store: Synchronous<T>): T {
  const wrapped: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(store)) {
    wrapped[name] = typeof member === 'function'
      ? (...args: unknown[]) => {
          try {
            return Promise.resolve((member as (...args: unknown[]) => unknown)(...args))
          }
          catch (error) {
            return Promise.reject(error as Error)
          }
        }
      : member
  }
  return wrapped as T
}
