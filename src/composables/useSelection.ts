import { computed, shallowRef } from 'vue'

/** Which rows of the page are selected, by id. */
export function useSelection() {
  const ids = shallowRef<ReadonlySet<string>>(new Set())

  function set(next: Iterable<string>): void {
    ids.value = new Set(next)
  }

  return {
    ids,
    size: computed(() => ids.value.size),
    has: (id: string) => ids.value.has(id),
    toggle(id: string, on = !ids.value.has(id)): void {
      const next = new Set(ids.value)
      if (on)
        next.add(id)
      else
        next.delete(id)
      ids.value = next
    },
    set,
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
