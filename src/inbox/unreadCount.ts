// The badge number: the server's count, moved by pushes and optimistic actions in between.
// A count request races the pushes that arrive while it is in flight (the server stores a
// notification before pushing it, so such a push may or may not be in the count). We record
// those pushes in a "window" and, when a REST page cannot tell us, estimate and ask again.
// The server keeps a user's newest MAX_NOTIFICATIONS_PER_USER only, so once arrivals take the
// stored total past it, older unread ones may have gone without a word: we ask again then too.
import { MAX_NOTIFICATIONS_PER_USER } from '@/protocol'

const RECHECK_MS = 1000

/** The arrivals that landed while one count request was in flight. */
export type CountWindow = Set<string>

/** `onChange` hears every change of the number, including those a late count request makes. */
export function createUnreadCounter(fetchCount: () => Promise<number>, onChange: () => void) {
  let count = 0
  const windows = new Set<CountWindow>()
  let changesInFlight = 0
  let staleAfterChanges = false
  let recheck: ReturnType<typeof setTimeout> | null = null
  let refreshing: Promise<void> | null = null
  /** How many the server stores for the user, as far as we know (an estimate between syncs). */
  let stored = 0

  function set(value: number): void {
    const next = Math.min(MAX_NOTIFICATIONS_PER_USER, Math.max(0, Math.round(value)))
    if (next === count)
      return
    count = next
    onChange()
  }

  function adjust(delta: number): void {
    set(count + delta)
  }

  /** New unread notifications arrived live. */
  function addArrivals(ids: string[]): void {
    if (!ids.length)
      return
    adjust(ids.length)
    for (const window of windows)
      ids.forEach(id => window.add(id))
    stored += ids.length
    if (stored > MAX_NOTIFICATIONS_PER_USER) {
      stored = MAX_NOTIFICATIONS_PER_USER
      scheduleRecheck()
    }
  }

  /** The server's total of stored notifications (read or not), from an unfiltered page. */
  function setStored(total: number): void {
    stored = total
  }

  function openWindow(): CountWindow {
    const window: CountWindow = new Set()
    windows.add(window)
    return window
  }

  function closeWindow(window: CountWindow): void {
    windows.delete(window)
  }

  function scheduleRecheck(): void {
    if (recheck)
      clearTimeout(recheck)
    recheck = setTimeout(() => {
      recheck = null
      refresh()
    }, RECHECK_MS)
  }

  /**
   * Takes the server's count. `knownIds` are ids the same response listed (so the count surely
   * includes them); other pushes of the window are added on top and verified a moment later.
   */
  function applyServerCount(serverCount: number, window: CountWindow, knownIds: ReadonlySet<string> = new Set()): void {
    if (changesInFlight > 0) {
      staleAfterChanges = true // our optimistic changes may or may not be in it: ask again after
      return
    }
    const ambiguous = [...window].filter(id => !knownIds.has(id)).length
    set(serverCount + ambiguous)
    if (ambiguous)
      scheduleRecheck()
  }

  /** Asks the server for the count again (single flight; failures keep the current number). */
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      const window = openWindow()
      try {
        applyServerCount(await fetchCount(), window)
      }
      catch {
        // keep what we have; the next (re)connect resyncs
      }
      finally {
        closeWindow(window)
        refreshing = null
      }
    })()
    return refreshing
  }

  return {
    get count(): number {
      return count
    },
    set,
    adjust,
    addArrivals,
    setStored,
    openWindow,
    closeWindow,
    applyServerCount,
    refresh,
    beginChange(): void {
      changesInFlight += 1
    },
    endChange(): void {
      changesInFlight -= 1
      if (changesInFlight === 0 && staleAfterChanges) {
        staleAfterChanges = false
        void refresh()
      }
    },
    dispose(): void {
      if (recheck)
        clearTimeout(recheck)
    },
  }
}
