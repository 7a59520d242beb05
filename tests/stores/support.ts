// Store-test plumbing: a fresh Pinia per test whose stores are disposed afterwards (closing their
// sockets and timers), and realtime settings restored.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { resetRealtimeSettings } from '../../src/stores/realtimeSettings'

let pinia: Pinia | null = null

export function usePiniaPerTest(): void {
  beforeEach(() => {
    pinia = createPinia()
    setActivePinia(pinia)
  })
  afterEach(() => {
    disposeStores(pinia)
    pinia = null
    resetRealtimeSettings()
  })
}

/** Disposes every store of a Pinia (a closed tab, in multi-tab tests). */
export function disposeStores(target: Pinia | null): void {
  const stores = (target as unknown as { _s?: Map<string, { $dispose: () => void }> } | null)?._s
  for (const store of [...(stores?.values() ?? [])])
    store.$dispose()
}

/** Resolves after the next animation frame (when a batch of arrivals is applied). */
export function nextFrame(): Promise<void> {
  return new Promise(resolve => requestAnimationFrame(() => resolve()))
}
