// What the notification connection tells the preferences store, without importing it: that it
// opened (a change saved elsewhere meanwhile is read again) and which preferences a `preferences_updated`
// frame carried. The socket store used to create the preferences store itself, which put the
// preferences, their REST calls and quiet hours into every bundle that connects, and fetched them on
// every open for apps that never read them. One hub per Pinia, as for the session (../plugin/context.ts).
import { getActivePinia, type Pinia } from 'pinia'
import type { Preferences } from '@/protocol'

/** What a follower of the connection hears. */
export interface ConnectionEventListener {
  /** The connection opened (again). */
  opened(): void
  /** The server pushed the user's preferences (saved in another tab or device). */
  preferencesPushed(preferences: Preferences): void
}

export interface ConnectionEvents {
  /** Whether the connection is open now (a store created later loads at once). */
  readonly isOpen: boolean
  opened(): void
  closed(): void
  preferencesPushed(preferences: Preferences): void
  /** Follows opens and pushed preferences; returns the unsubscribe. */
  follow(listener: ConnectionEventListener): () => void
}

const hubs = new WeakMap<Pinia, ConnectionEvents>()

function createHub(): ConnectionEvents {
  const listeners = new Set<ConnectionEventListener>()
  let isOpen = false
  return {
    get isOpen() {
      return isOpen
    },
    opened() {
      isOpen = true
      listeners.forEach(listener => listener.opened())
    },
    closed() {
      isOpen = false
    },
    preferencesPushed(preferences) {
      listeners.forEach(listener => listener.preferencesPushed(preferences))
    },
    follow(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The hub of the active Pinia (call it while a store's setup runs). */
export function connectionEvents(pinia: Pinia | undefined = getActivePinia()): ConnectionEvents {
  if (!pinia)
    throw new Error('[tidings] connectionEvents() needs an active Pinia (call it inside a store)')
  let hub = hubs.get(pinia)
  if (!hub) {
    hub = createHub()
    hubs.set(pinia, hub)
  }
  return hub
}
