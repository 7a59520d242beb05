// The inbox: which notifications this tab holds, which are unread, and the badge number, changed
// through one entry point, `apply(event)`. Plain TypeScript with no Vue: an adapter (the Pinia
// store) subscribes and hears about each batch of changes once.
//
// Live arrivals are queued and applied together once per animation frame, so a burst of pushes
// costs one update; any other event first applies the arrivals waiting, so events always take
// effect in the order they came. A push is told new from repeat and counted as it comes, while its
// object is fresh in the CPU's cache (a later pass over a burst's objects cost more than the checks);
// the frame only places the newest `limit`.
import type { Notification } from '@/protocol'
import { createFrameScheduler } from '@/utils/frameScheduler'
import { changed as afterChange, countsAsUnread } from './changes'
import { InboxEntries, newestFirst } from './entries'
import type { InboxEvent, OptimisticChange, RemoteChange } from './events'
import { createSeenIds, isNewerId } from './seenIds'
import { createUnreadCounter, type CountWindow } from './unreadCount'

/** How many ids a tab remembers having counted and announced (at least; up to twice as many). */
const SEEN_MEMORY = 5000

export interface InboxModelOptions {
  /** Notifications kept in memory (the page on screen is kept beyond it). */
  limit: number
  /** Asks the server for the unread count (when a change cannot be counted locally). */
  fetchUnreadCount: () => Promise<number>
}

/** What an optimistic change needs to be undone. */
interface Undo {
  ids: string[]
  /** Each entry the change touched: as it was, and as the change left it (null: removed). */
  touched: Array<{ before: Notification, after: Notification | null }>
  /** Read-all only: the unread ones it cleared that this tab does not hold. */
  unheldUnread: number
}

export interface InboxModel {
  /**
   * Applies one change (see `InboxEvent`); listeners hear of it once per batch. The notifications an
   * event carries are kept as they are and frozen, not copied: give it objects nothing else will change.
   */
  apply: (event: InboxEvent) => void
  /** Newest first; a new frozen array after each change, the same one otherwise (never mutate it). */
  readonly items: Notification[]
  /** What the badge shows: the server's count, corrected by what happened since. */
  readonly unreadCount: number
  /** The held notification of that id, if any. */
  get: (id: string) => Notification | undefined
  /**
   * Starts recording the arrivals that land while a count request is in flight; pass it with the
   * `synced` or `count` event (or `close()` it when the request failed).
   */
  openCountWindow: () => CountWindow & {
    /** Stops recording: the request failed. */
    close: () => void
  }
  /** Hears once per applied batch of changes. */
  subscribe: (listener: () => void) => () => void
  /** Hears once per genuinely new live notification, after it is in the inbox. */
  onArrival: (listener: (notification: Notification) => void) => () => void
  /** Applies the arrivals waiting for the next frame now. */
  flush: () => void
  /** Stops the frame timer and drops every listener. */
  dispose: () => void
}

export function createInboxModel(options: InboxModelOptions): InboxModel {
  const entries = new InboxEntries(options.limit)
  const listeners = new Set<() => void>()
  const arrivalListeners = new Set<(n: Notification) => void>()
  /** Ids with an optimistic change in flight (a count per id): a REST page must not overwrite them. */
  const inFlight = new Map<string, number>()
  const undos = new Map<OptimisticChange, Undo>()
  /** New live arrivals waiting for the next frame, in arrival order (repeats are dropped as they come). */
  let pending: Notification[] = []
  /** The ids of those the badge counts. */
  let pendingUnread: string[] = []
  /** Each waiting one is newer than the one before (a burst usually is): nothing to sort. */
  let pendingOldestFirst = true
  /** Ids already counted and announced (live or by REST), so a repeat is neither counted nor toasted. */
  const seen = createSeenIds(SEEN_MEMORY)
  /** Set while `apply` runs, so a count change inside it is announced once, at its end. */
  let applying = false
  let changed = false
  /** Items whose snooze ended in the event being applied: announced like arrivals after it. */
  let woken: Notification[] = []

  const counter = createUnreadCounter(options.fetchUnreadCount, markChanged)
  const scheduler = createFrameScheduler(() => inBatch(() => {}))

  function markChanged(): void {
    changed = true
    if (!applying)
      announce()
  }

  function announce(): void {
    if (!changed)
      return
    changed = false
    for (const listener of [...listeners])
      listener()
  }

  /**
   * The newest id the badge has accounted for (from a server count, an arrival or a page). A page that
   * lists a newer one shows a notification whose push has not come yet: it is counted there, once.
   */
  let newestCounted: string | null = null

  function newerThanCounted(id: string): boolean {
    return isNewerId(id, newestCounted)
  }

  function noteCounted(id: string): void {
    if (newerThanCounted(id))
      newestCounted = id
  }

  /** Queues a live arrival for the next frame, unless it is a repeat. */
  function takeArrival(item: Notification): void {
    const id = item.id
    // Whatever is held was remembered once: an id newer than any remembered is neither held nor a repeat.
    if (!isNewerId(id, seen.newest) && (seen.has(id) || entries.has(id)))
      return
    seen.addNew(id)
    noteCounted(id)
    const previous = pending[pending.length - 1]
    if (previous && newestFirst(item, previous) >= 0)
      pendingOldestFirst = false
    pending.push(item)
    if (countsAsUnread(item))
      pendingUnread.push(id)
    scheduler.schedule()
  }

  function applyArrivals(): Notification[] {
    scheduler.cancel()
    const fresh = pending
    if (!fresh.length)
      return fresh
    entries.addNew(fresh, pendingOldestFirst ? 'oldest-first' : 'any')
    entries.evict()
    changed = true
    counter.addArrivals(pendingUnread)
    pending = []
    pendingUnread = []
    pendingOldestFirst = true
    return fresh
  }

  function announceArrivals(fresh: Notification[]): void {
    for (const item of fresh) {
      for (const listener of [...arrivalListeners]) {
        try {
          listener(item)
        }
        catch (listenerError) {
          console.error('[inbox] an arrival listener failed', listenerError)
        }
      }
    }
  }

  /** Puts `item` in place of what we hold; returns how the badge moves (null: we did not hold it). */
  function replace(item: Notification): number | null {
    const before = entries.get(item.id)
    entries.put(item)
    if (entries.get(item.id) !== before)
      changed = true
    return before ? Number(countsAsUnread(item)) - Number(countsAsUnread(before)) : null
  }

  function drop(id: string): Notification | undefined {
    const item = entries.delete(id)
    if (item) {
      changed = true
      if (countsAsUnread(item))
        counter.adjust(-1)
    }
    return item
  }

  /**
   * Merges REST items by id. Returns how the unread count moves: an item we hold that the server
   * now shows otherwise is a change we missed (its push was lost while away).
   */
  function merge(items: Notification[], { countNew }: { countNew: boolean }): number {
    let unreadDelta = 0
    for (const item of items) {
      if (inFlight.has(item.id))
        continue
      const delta = replace(item)
      if (delta !== null)
        unreadDelta += delta
      else if (countNew && !seen.has(item.id) && newerThanCounted(item.id))
        unreadDelta += Number(countsAsUnread(item)) // listed before its push came: its push will find it held
      noteCounted(item.id)
      seen.add(item.id)
    }
    if (entries.evict())
      changed = true
    return unreadDelta
  }

  /** Applies a change made elsewhere; returns the notifications that arrive again (their snooze ended). */
  function applyRemote(change: RemoteChange): Notification[] {
    let unknown = false
    const woke: Notification[] = []
    switch (change.type) {
      case 'read-all':
        for (const item of entries.sorted()) {
          if (item.status === 'unread')
            replace({ ...item, status: 'read' })
        }
        counter.set(0)
        break
      case 'removed':
        for (const id of change.ids)
          unknown = !drop(id) || unknown
        break
      case 'read':
        for (const id of change.ids) {
          const item = entries.get(id)
          if (item)
            counter.adjust(replace({ ...item, status: 'read' })!)
          else
            unknown = true
        }
        break
      case 'updated':
        for (const item of change.items) {
          const delta = replace(item)
          if (delta !== null)
            counter.adjust(delta)
          else if (change.woke)
            counter.adjust(Number(countsAsUnread(item))) // a snoozed item was not in the server's count
          else
            unknown = true
          seen.add(item.id)
          if (change.woke)
            woke.push(entries.get(item.id) ?? item)
        }
        if (entries.evict())
          changed = true
        break
    }
    if (unknown)
      void counter.refresh() // we cannot know whether an item we did not hold was counted
    return woke
  }

  function begin(change: OptimisticChange): void {
    const ids = change.action === 'read-all'
      ? entries.sorted().filter(countsAsUnread).map(n => n.id)
      : change.ids
    const touched: Undo['touched'] = []
    let unreadDelta = 0
    for (const id of ids) {
      const before = entries.get(id)
      if (!before)
        continue
      const after = change.action === 'read-all' ? { ...before, status: 'read' as const } : afterChange(before, change)
      if (after) {
        unreadDelta += replace(after)!
        touched.push({ before, after: entries.get(id)! })
      }
      else {
        entries.delete(id)
        changed = true
        unreadDelta -= Number(countsAsUnread(before))
        touched.push({ before, after: null })
      }
    }
    // Read-all also clears the unread ones this tab does not hold.
    const unheldUnread = change.action === 'read-all' ? Math.max(0, counter.count + unreadDelta) : 0
    ids.forEach(id => inFlight.set(id, (inFlight.get(id) ?? 0) + 1))
    undos.set(change, { ids, touched, unheldUnread })
    counter.beginChange()
    counter.adjust(unreadDelta - unheldUnread)
  }

  function finish(change: OptimisticChange, rollback: boolean): void {
    const undo = undos.get(change)
    if (!undo)
      return
    undos.delete(change)
    if (rollback) {
      // Only what still looks as the change left it goes back: a push that came meanwhile is newer.
      for (const { before, after } of undo.touched) {
        const now = entries.get(before.id)
        if (after === null ? now === undefined : now === after) {
          const delta = replace(before)
          counter.adjust(delta ?? Number(countsAsUnread(before)))
        }
      }
      counter.adjust(undo.unheldUnread)
    }
    for (const id of undo.ids) {
      const left = (inFlight.get(id) ?? 1) - 1
      if (left > 0)
        inFlight.set(id, left)
      else
        inFlight.delete(id)
    }
    counter.endChange()
  }

  function reset(): void {
    scheduler.cancel()
    seen.clear()
    newestCounted = null
    if (entries.size)
      changed = true
    entries.clear()
    counter.set(0)
  }

  /** Any change but an arrival (those wait for the frame: `takeArrival`). */
  function applyEvent(event: Exclude<InboxEvent, { type: 'arrived' }>): void {
    switch (event.type) {
      case 'read':
      case 'read-all':
      case 'removed':
      case 'updated':
        woken.push(...applyRemote(event))
        return
      case 'synced':
        merge(event.items, { countNew: false }) // the count beside it is absolute: no adjustment needed
        if (event.total !== undefined)
          counter.setStored(event.total)
        counter.applyServerCount(event.count, event.window, new Set(event.items.map(n => n.id)))
        counter.closeWindow(event.window)
        return
      case 'page':
        counter.adjust(merge(event.items, { countNew: true }))
        entries.pin(event.items.map(n => n.id))
        return
      case 'count':
        counter.applyServerCount(event.count, event.window)
        counter.closeWindow(event.window)
        return
      case 'count-stale':
        void counter.refresh()
        return
      case 'begin':
        begin(event.change)
        return
      case 'commit':
      case 'rollback':
        finish(event.change, event.type === 'rollback')
        return
      case 'reset':
        reset()
    }
  }

  /**
   * Applies the arrivals waiting (they came before whatever `change` does), then `change`, and
   * tells the listeners once.
   */
  function inBatch(change: () => void): void {
    applying = true
    let fresh: Notification[] = []
    woken = []
    try {
      fresh = applyArrivals()
      change()
    }
    finally {
      applying = false
    }
    announce()
    if (arrivalListeners.size)
      announceArrivals(woken.length ? [...fresh, ...woken] : fresh)
  }

  function apply(event: InboxEvent): void {
    if (event.type !== 'arrived')
      inBatch(() => applyEvent(event))
    else if (event.item && typeof event.item.id === 'string')
      takeArrival(event.item)
  }

  return {
    apply,
    get items() {
      return entries.sorted()
    },
    get unreadCount() {
      return counter.count
    },
    get: id => entries.get(id),
    openCountWindow() {
      // Arrivals already here are surely in the count the caller is about to ask for.
      inBatch(() => {})
      const window = counter.openWindow()
      return Object.assign(window, { close: () => counter.closeWindow(window) })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onArrival(listener) {
      arrivalListeners.add(listener)
      return () => arrivalListeners.delete(listener)
    },
    flush: () => inBatch(() => {}),
    dispose() {
      scheduler.cancel()
      counter.dispose()
    },
  }
}
