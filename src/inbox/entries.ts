// The notifications held in memory: one entry per id in a Map, a newest-first order, and a bound.
// The model decides when anyone hears about a change, so a burst of arrivals costs one update, not
// one per notification. Arrivals are merged into the order (a burst costs a pass, not a sort of all
// held), and eviction trims the order's tail.
import type { Notification } from '@/protocol'

/** Sort order of the inbox: negative when `a` is newer than `b`. */
export function newestFirst(a: Notification, b: Notification): number {
  if (a.created_at !== b.created_at)
    return a.created_at < b.created_at ? 1 : -1
  // Same instant: the larger id is newer (the server's ids are increasing decimal strings).
  if (a.id.length !== b.id.length)
    return b.id.length - a.id.length
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Entries are frozen: a change replaces the object, so a row re-renders only when its own item
 * changed, and Vue never wraps a frozen object in a proxy. The inbox owns what it is given (parsed
 * frames and pages), so it freezes the object itself: freezing a spread copy cost a burst's frame
 * more than the rest of storing it.
 */
function frozen(item: Notification): Notification {
  return Object.freeze(item)
}

const FIELDS = ['status', 'archived', 'snoozed_until', 'title', 'content', 'link', 'created_at', 'type'] as const

function sameNotification(a: Notification, b: Notification): boolean {
  return FIELDS.every(field => (a[field] ?? null) === (b[field] ?? null))
}

export class InboxEntries {
  private readonly entries = new Map<string, Notification>()
  private ordered: Notification[] | null = []
  /** Ids the UI is showing (the current page): never evicted. */
  private pinned = new Set<string>()

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size
  }

  get(id: string): Notification | undefined {
    return this.entries.get(id)
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /** Adds or replaces by id; returns the previous entry. */
  put(item: Notification): Notification | undefined {
    const previous = this.entries.get(item.id)
    if (previous && sameNotification(previous, item))
      return previous
    this.entries.set(item.id, frozen(item))
    this.ordered = null
    return previous
  }

  delete(id: string): Notification | undefined {
    const previous = this.entries.get(id)
    if (previous) {
      this.entries.delete(id)
      this.pinned.delete(id)
      this.ordered = null
    }
    return previous
  }

  clear(): void {
    this.entries.clear()
    this.pinned.clear()
    this.ordered = null
  }

  /** Newest first; the same frozen array until something changes (so computeds downstream stay quiet). */
  sorted(): Notification[] {
    this.ordered ??= Object.freeze([...this.entries.values()].sort(newestFirst)) as Notification[]
    return this.ordered
  }

  /**
   * Adds notifications this tab does not hold (live arrivals), in one pass over the order. Those
   * that the bound would evict at once (`limit` newer ones among them) are not stored at all.
   * `order` 'oldest-first' says each item is newer than the one before it (the caller checked, as a
   * burst usually comes so), so the newest `limit` are the last ones and nothing is sorted.
   */
  addNew(items: readonly Notification[], order: 'oldest-first' | 'any' = 'any'): void {
    if (!items.length)
      return
    // An unpinned item with `limit` newer ones goes at the next evict(): only the newest `limit` count.
    const arrivals = order === 'oldest-first' ? items.slice(-this.limit).reverse() : items.slice().sort(newestFirst)
    if (arrivals.length > this.limit)
      arrivals.length = this.limit
    const held = this.sorted()
    // With no page pinned the bound is a plain cut: what falls past it is never stored (arrivals)
    // or leaves now (held ones), as evict() would do.
    const room = this.pinned.size ? held.length + arrivals.length : Math.min(this.limit, held.length + arrivals.length)
    const merged = new Array<Notification>(room)
    let a = 0
    let h = 0
    let at = 0
    while (at < room) {
      if (h >= held.length || (a < arrivals.length && newestFirst(arrivals[a]!, held[h]!) <= 0))
        merged[at++] = this.store(arrivals[a++]!)
      else
        merged[at++] = held[h++]!
    }
    for (; h < held.length; h++)
      this.entries.delete(held[h]!.id)
    this.ordered = Object.freeze(merged) as Notification[]
  }

  private store(item: Notification): Notification {
    const entry = frozen(item)
    this.entries.set(entry.id, entry)
    return entry
  }

  pin(ids: Iterable<string>): void {
    this.pinned = new Set(ids)
  }

  /** Drops the oldest entries beyond the bound (the pinned page stays); returns how many went. */
  evict(): number {
    const excess = this.entries.size - this.limit
    if (excess <= 0)
      return 0
    const order = this.sorted()
    const gone = new Set<Notification>()
    for (let index = order.length - 1; index >= 0 && gone.size < excess; index--) {
      const item = order[index]!
      if (this.pinned.has(item.id))
        continue
      this.entries.delete(item.id)
      gone.add(item)
    }
    if (gone.size)
      this.ordered = Object.freeze(order.filter(item => !gone.has(item))) as Notification[]
    return gone.size
  }
}
