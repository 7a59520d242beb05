// Store-test plumbing: a fresh Pinia per test whose stores are disposed afterwards (closing their
// sockets and timers), and realtime settings restored.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { bindSession } from '../../src/plugin/context'
import { useAuthStore } from '../../src/stores/auth'
import { useNotificationsStore } from '../../src/stores/notifications'
import { usePreferencesStore } from '../../src/stores/preferences'
import { resetRealtimeSettings } from '../../src/stores/realtimeSettings'
import { useTasksStore } from '../../src/stores/tasks'
import { useWebSocketStore } from '../../src/stores/websocket'
import { seed } from '../msw'

let pinia: Pinia | null = null

export function usePiniaPerTest(): void {
  beforeEach(() => {
    pinia = createPinia()
    bindAppSession(pinia)
    setActivePinia(pinia)
  })
  afterEach(() => {
    disposeStores(pinia)
    pinia = null
    resetRealtimeSettings()
    vi.useRealTimers()
  })
}

/**
 * Gives a Pinia's Tidings stores the app's session, as `createTidings` does in main.ts (src/tidings.ts):
 * the auth store of that Pinia, read when asked, so a test may sign in before or after.
 */
export function bindAppSession(pinia: Pinia): void {
  bindSession(pinia, {
    getToken: () => useAuthStore(pinia).token,
    refreshToken: () => useAuthStore(pinia).refresh(),
    getUserId: () => useAuthStore(pinia).username,
  })
}

/**
 * Fakes the clock and timers (not promises, sockets or animation frames) for the rest of the test, so
 * `letTimePass()` can run every backoff, retry and watchdog the app has scheduled without waiting.
 */
export function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
}

/** Two minutes of the app's time at once (after `fakeClock()`): whatever would retry has done so. */
export async function letTimePass(ms = 120_000): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
}

/** The app's stores: a Pinia names the ones it holds (the keys of `pinia.state`), these give them back. */
const storeDefinitions = [useAuthStore, useWebSocketStore, useNotificationsStore, usePreferencesStore, useTasksStore]

/** Disposes every store of a Pinia (a closed tab, in multi-tab tests); a second call finds none left. */
export function disposeStores(target: Pinia | null): void {
  for (const id of Object.keys(target?.state.value ?? {})) {
    const useStore = storeDefinitions.find(definition => definition.$id === id)
    if (!useStore)
      throw new Error(`disposeStores does not know the "${id}" store: add it to storeDefinitions`)
    useStore(target!).$dispose()
    // $dispose leaves the state behind (Pinia's documented way to drop it): without it a second call
    // would build the store again.
    delete target!.state.value[id]
  }
}

/** Resolves after the next animation frame (when a batch of arrivals is applied). */
export function nextFrame(): Promise<void> {
  return new Promise(resolve => requestAnimationFrame(() => resolve()))
}

/** Signs in as admin, connects and waits for the first resync: the state a user sees after opening the app. */
export async function openApp() {
  seed.signedIn('admin')
  const wsStore = useWebSocketStore()
  const inbox = useNotificationsStore()
  wsStore.connect()
  await vi.waitFor(() => expect(inbox.lastSyncedAt).not.toBeNull())
  return { wsStore, inbox }
}
