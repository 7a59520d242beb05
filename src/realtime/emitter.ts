/** A minimal typed event emitter; a throwing listener is reported and never breaks the others. */
export function createEmitter<Events extends object>() {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>()
  return {
    on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    },
    emit<K extends keyof Events>(event: K, payload: Events[K]): void {
      for (const listener of [...listeners.get(event) ?? []]) {
        try {
          (listener as (payload: Events[K]) => void)(payload)
        }
        catch (error) {
          console.error(`[realtime] a "${String(event)}" listener failed`, error)
        }
      }
    },
    clear(): void {
      listeners.clear()
    },
  }
}
