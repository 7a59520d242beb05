import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/** How often relative times ("2 minutes ago") are refreshed. */
export const CLOCK_TICK_MS = 30_000

const now = ref(Date.now())
let subscribers = 0
let timer: ReturnType<typeof setInterval> | null = null

function tick() {
  now.value = Date.now()
}

/**
 * The current time, shared by every subscriber through a single interval that only runs while
 * someone is listening (a list of 100 relative times costs one timer, not 100).
 */
export function useSharedClock(): Readonly<Ref<number>> {
  // Only a stopped clock is read afresh: reading it for every new subscriber would re-render every
  // time already on screen once per new row (a burst that mounted twenty rows spent ~17 ms on it).
  if (subscribers++ === 0) {
    tick()
    timer = setInterval(tick, CLOCK_TICK_MS)
  }
  onScopeDispose(() => {
    if (--subscribers === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  })
  return readonly(now)
}
