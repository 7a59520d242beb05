// The ids a tab has counted and announced, so a repeated push is neither counted nor toasted twice.
// Two generations of `capacity` ids: when the newer one fills it becomes the older one and the
// older one goes whole, so the last `capacity` ids are always remembered and forgetting costs nothing
// per id (deleting the oldest id from a Set on every arrival was a large part of a burst's bookkeeping).
// Ids newer than any before (a burst's, nearly always) are appended to an increasing list and found by
// binary search: appending costs no hashing, which was the larger part of remembering a burst.

/** Ids are increasing decimal strings: a longer one is larger, then the text decides. */
export function isNewerId(id: string, than: string | null): boolean {
  return than === null || id.length > than.length || (id.length === than.length && id > than)
}

/** One generation: the ids that came in increasing order, and the others. */
interface Generation {
  increasing: string[]
  others: Set<string>
}

const generation = (): Generation => ({ increasing: [], others: new Set() })

function holds({ increasing, others }: Generation, id: string): boolean {
  let low = 0
  let high = increasing.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const at = increasing[middle]!
    if (at === id)
      return true
    if (isNewerId(id, at))
      low = middle + 1
    else
      high = middle - 1
  }
  return others.has(id)
}

export interface SeenIds {
  /**
   * The newest id ever remembered, kept through `clear()`: an id newer than it was never seen, so a
   * burst of new pushes is told apart from repeats without a lookup.
   */
  readonly newest: string | null
  has: (id: string) => boolean
  add: (id: string) => void
  /** `add` for an id the caller knows is not remembered. */
  addNew: (id: string) => void
  clear: () => void
}

export function createSeenIds(capacity: number): SeenIds {
  let recent = generation()
  let older = generation()
  let everNewest: string | null = null
  const has = (id: string): boolean => holds(recent, id) || holds(older, id)
  function addNew(id: string): void {
    if (isNewerId(id, everNewest)) {
      recent.increasing.push(id)
      everNewest = id
    }
    else {
      recent.others.add(id)
    }
    if (recent.increasing.length + recent.others.size >= capacity) {
      older = recent
      recent = generation()
    }
  }
  return {
    get newest() {
      return everNewest
    },
    has,
    add: id => has(id) || addNew(id),
    addNew,
    clear() {
      recent = generation()
      older = generation()
    },
  }
}
