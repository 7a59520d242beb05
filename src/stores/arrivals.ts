// Live arrivals, applied once per animation frame: `add` is O(1) and deduplicated, and the whole
// batch lands in the inbox together, so a burst of pushes costs one reactive update.
import type { Notification } from '@/protocol'
import { createFrameScheduler } from '@/utils/frameScheduler'
import type { Inbox } from './inbox'

/** How many ids a tab remembers having counted and announced. */
const SEEN_MEMORY = 5000

export function createArrivals(inbox: Inbox, onBatch: (fresh: Notification[]) => void) {
  let pending: Notification[] = []
  const pendingIds = new Set<string>()
  /** Ids already counted and announced (live or by REST), so a repeat is neither counted nor toasted. */
  const seen = new Set<string>()
  const listeners = new Set<(n: Notification) => void>()
  const scheduler = createFrameScheduler(apply)

  function remember(id: string): void {
    seen.add(id)
    if (seen.size > SEEN_MEMORY)
      seen.delete(seen.values().next().value as string)
  }

  function add(data: Notification): void {
    if (!data || typeof data.id !== 'string' || pendingIds.has(data.id))
      return
    pendingIds.add(data.id)
    pending.push(data)
    scheduler.schedule()
  }

  function apply(): void {
    if (!pending.length)
      return
    const batch = pending
    pending = []
    pendingIds.clear()
    const fresh: Notification[] = []
    for (const item of batch) {
      if (inbox.has(item.id) || seen.has(item.id))
        continue
      inbox.put(item)
      remember(item.id)
      fresh.push(item)
    }
    if (!fresh.length)
      return
    inbox.evict()
    onBatch(fresh)
    for (const item of fresh) {
      for (const listener of [...listeners]) {
        try {
          listener(item)
        }
        catch (listenerError) {
          console.error('[notifications] an arrival listener failed', listenerError)
        }
      }
    }
  }

  return {
    add,
    remember,
    /** Applies what waits for the next frame now (before any other change to the inbox). */
    flush: () => scheduler.flush(),
    onArrival(listener: (n: Notification) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    reset(): void {
      scheduler.cancel()
      pending = []
      pendingIds.clear()
      seen.clear()
    },
    dispose: () => scheduler.cancel(),
  }
}
