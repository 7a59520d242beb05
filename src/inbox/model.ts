// The inbox: which notifications this tab holds, which are unread, and the badge number, changed
// through one entry point, `apply(event)`. Plain TypeScript with no Vue: an adapter (the Pinia
// store) subscribes and hears about each batch of changes once.
//
// Live arrivals are queued and applied together once per animation frame, so a burst of pushes
// costs one update; any other event first applies the arrivals waiting, so events always take
// effect in the order they came.
import type { Notification, NotificationStatus } from '@/protocol'
import { createFrameScheduler } from '@/utils/frameScheduler'
import { InboxEntries } from './entries'
import type { InboxEvent, OptimisticChange, RemoteChange } from './events'
import { createUnreadCounter, type CountWindow } from './unreadCount'

/** How many ids a tab remembers having counted and announced. */
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
  /** Entries as they were before the change (their read state, or the whole removed item). */
  previous: Notification[]
  unreadDelta: number
}

export interface InboxModel {
  apply: (event: InboxEvent) => void
  /** Newest first; a new frozen array after each change, the same one otherwise (never mutate it). */
  readonly items: Notification[]
  readonly unreadCount: number
  get: (id: string) => Notification | undefined
  /**
   * Starts recording the arrivals that land while a count request is in flight; pass it with the
   * `synced` or `count` event (or `close()` it when the request failed).
   */
  openCountWindow: () => CountWindow & { close: () => void }
  /** Hears once per applied batch of changes. */
  subscribe: (listener: () => void) => () => void
  /** Hears once per genuinely new live notification, after it is in the inbox. */
  onArrival: (listener: (notification: Notification) => void) => () => void
  /** Applies the arrivals waiting for the next frame now. */
  flush: () => void
  dispose: () => void
}

export function createInboxModel(options: InboxModelOptions): InboxModel {
  const entries = new InboxEntries(options.limit)
  const listeners = new Set<() => void>()
  const arrivalListeners = new Set<(n: Notification) => void>()
  /** Ids with an optimistic change in flight (a count per id): a REST page must not overwrite them. */
  const inFlight = new Map<string, number>()
  const undos = new Map<OptimisticChange, Undo>()
  let pending: Notification[] = []
  const pendingIds = new Set<string>()
  /** Ids already counted and announced (live or by REST), so a repeat is neither counted nor toasted. */
  const seen = new Set<string>()
  /** Set while `apply` runs, so a count change inside it is announced once, at its end. */
  let applying = false
  let changed = false

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

  function remember(id: string): void {
    seen.add(id)
    if (seen.size > SEEN_MEMORY)
      seen.delete(seen.values().next().value as string)
  }

  function applyArrivals(): Notification[] {
    scheduler.cancel()
    if (!pending.length)
      return []
    const batch = pending
    pending = []
    pendingIds.clear()
    const fresh: Notification[] = []
    for (const item of batch) {
      if (entries.has(item.id) || seen.has(item.id))
        continue
      entries.put(item)
      remember(item.id)
      fresh.push(item)
    }
    if (fresh.length) {
      entries.evict()
      changed = true
      counter.addArrivals(fresh.filter(n => n.status === 'unread').map(n => n.id))
    }
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

  function setStatus(id: string, status: NotificationStatus): NotificationStatus | undefined {
    const previous = entries.setStatus(id, status)
    if (previous !== undefined && previous !== status)
      changed = true
    return previous
  }

  /**
   * Merges REST items by id. Returns how the unread count moves: an item we hold that the server
   * now shows with another read state is a change we missed (its push was lost while away).
   */
  function merge(items: Notification[]): number {
    let unreadDelta = 0
    for (const item of items) {
      if (inFlight.has(item.id))
        continue
      const previous = entries.put(item)
      if (previous !== entries.get(item.id))
        changed = true
      if (previous && previous.status !== item.status)
        unreadDelta += item.status === 'unread' ? 1 : -1
      remember(item.id)
    }
    if (entries.evict())
      changed = true
    return unreadDelta
  }

  function applyRemote(change: RemoteChange): void {
    if (change.type === 'read-all') {
      entries.unreadIds().forEach(id => setStatus(id, 'read'))
      counter.set(0)
      return
    }
    if (change.type === 'removed') {
      for (const id of change.ids) {
        const item = entries.delete(id)
        if (item) {
          changed = true
          if (item.status === 'unread')
            counter.adjust(-1)
        }
      }
      return
    }
    let unknown = false
    for (const id of change.ids) {
      const previous = setStatus(id, 'read')
      if (previous === 'unread')
        counter.adjust(-1)
      else if (previous === undefined)
        unknown = true
    }
    if (unknown)
      void counter.refresh() // we cannot know whether an id we do not hold was unread
  }

  function begin(change: OptimisticChange): void {
    const ids = change.action === 'read-all' ? entries.unreadIds() : change.ids
    const previous = ids.map(id => entries.get(id)).filter((n): n is Notification => !!n)
    let unreadDelta: number
    if (change.action === 'remove') {
      previous.forEach(item => entries.delete(item.id))
      unreadDelta = -previous.filter(n => n.status === 'unread').length
      changed ||= previous.length > 0
    }
    else {
      const wasUnread = previous.filter(n => n.status === 'unread')
      wasUnread.forEach(item => setStatus(item.id, 'read'))
      // Read-all also clears the unread ones this tab does not hold.
      unreadDelta = change.action === 'read-all' ? -counter.count : -wasUnread.length
    }
    ids.forEach(id => inFlight.set(id, (inFlight.get(id) ?? 0) + 1))
    undos.set(change, { ids, previous, unreadDelta })
    counter.beginChange()
    counter.adjust(unreadDelta)
  }

  function finish(change: OptimisticChange, rollback: boolean): void {
    const undo = undos.get(change)
    if (!undo)
      return
    undos.delete(change)
    if (rollback) {
      for (const item of undo.previous) {
        if (change.action === 'remove')
          entries.put(item)
        else if (item.status === 'unread')
          setStatus(item.id, 'unread')
      }
      changed ||= change.action === 'remove' && undo.previous.length > 0
      counter.adjust(-undo.unreadDelta)
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
    pending = []
    pendingIds.clear()
    seen.clear()
    if (entries.size)
      changed = true
    entries.clear()
    counter.set(0)
  }

  function applyEvent(event: InboxEvent): void {
    switch (event.type) {
      case 'arrived': {
        const item = event.item
        if (!item || typeof item.id !== 'string' || pendingIds.has(item.id))
          return
        pendingIds.add(item.id)
        pending.push(item)
        scheduler.schedule()
        return
      }
      case 'read':
      case 'read-all':
      case 'removed':
        applyRemote(event)
        return
      case 'synced':
        merge(event.items) // the count beside it is absolute: no adjustment needed
        counter.setStored(event.total)
        counter.applyServerCount(event.count, event.window, new Set(event.items.map(n => n.id)))
        counter.closeWindow(event.window)
        return
      case 'page':
        counter.adjust(merge(event.items))
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
    try {
      fresh = applyArrivals()
      change()
    }
    finally {
      applying = false
    }
    announce()
    announceArrivals(fresh)
  }

  function apply(event: InboxEvent): void {
    if (event.type === 'arrived')
      applyEvent(event)
    else
      inBatch(() => applyEvent(event))
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
