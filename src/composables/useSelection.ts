import { computed, shallowRef } from 'vue'

/** Which rows of the page are selected, by id. */
export function useSelection() {
  const ids = shallowRef<ReadonlySet<string>>(new Set())

  function set(next: Iterable<string>): void {
    ids.value = new Set(next)
  }

  return {
    /** The selected ids (a new set on each change). */
    ids,
    /** How many are selected. */
    size: computed(() => ids.value.size),
    /** Whether that id is selected. */
    has: (id: string) => ids.value.has(id),
    /** Selects or unselects an id (`on`, else the opposite of now). */
    toggle(id: string, on = !ids.value.has(id)): void {
      const next = new Set(ids.value)
      if (on)
        next.add(id)
      else
        next.delete(id)
      ids.value = next
    },
    /** Selects exactly these ids. */
    set,
    /** Selects none. */
    clear: () => set([]),
    /** Keeps only ids still on the page. */
    keep(onPage: readonly string[]): void {
      const kept = onPage.filter(id => ids.value.has(id))
      if (kept.length !== ids.value.size)
        set(kept)
    },
  }
}

export type Selection = ReturnType<typeof useSelection>
