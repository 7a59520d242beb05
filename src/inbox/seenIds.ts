// The ids a tab has counted and announced, so a repeated push is neither counted nor toasted twice.
// Two generations of `capacity` ids: when the newer one fills it becomes the older one and the
// older one goes whole, so the last `capacity` ids are always remembered and forgetting costs nothing
// per id (deleting the oldest id from a Set on every arrival was a large part of a burst's bookkeeping).

/** Ids are increasing decimal strings: a longer one is larger, then the text decides. */
export function isNewerId(id: string, than: string | null): boolean {
  return than === null || id.length > than.length || (id.length === than.length && id > than)
}

export class SeenIds {
  private recent = new Set<string>()
  private older = new Set<string>()
  private everNewest: string | null = null

  constructor(private readonly capacity: number) {}

  /**
   * The newest id ever remembered, kept through `clear()`: an id newer than it was never seen, so a
   * burst of new pushes is told apart from repeats without a lookup.
   */
  get newest(): string | null {
    return this.everNewest
  }

  has(id: string): boolean {
    return this.recent.has(id) || this.older.has(id)
  }

  add(id: string): void {
    if (!this.has(id))
      this.addNew(id)
  }

  /** `add` for an id the caller knows is not remembered. */
  addNew(id: string): void {
    this.recent.add(id)
    if (isNewerId(id, this.everNewest))
      this.everNewest = id
    if (this.recent.size >= this.capacity) {
      this.older = this.recent
      this.recent = new Set()
    }
  }

  clear(): void {
    this.recent = new Set()
    this.older = new Set()
  }
}
