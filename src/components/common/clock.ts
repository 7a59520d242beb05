import { onBeforeUnmount, onMounted, readonly, ref, type Ref } from 'vue'

/** How often relative times ("2 minutes ago") are refreshed. */
export const CLOCK_TICK_MS = 30_000

const now = ref(Date.now())
let subscribers = 0
let timer: ReturnType<typeof setInterval> | null = null

function tick() {
  now.value = Date.now()
}

/**
 * The current time, shared by every mounted subscriber through a single interval that only runs
 * while someone is listening (a list of 100 relative times costs one timer, not 100).
 */
export function useSharedClock(): Readonly<Ref<number>> {
  onMounted(() => {
    subscribers++
    tick()
    if (!timer)
      timer = setInterval(tick, CLOCK_TICK_MS)
  })
  onBeforeUnmount(() => {
    subscribers--
    if (subscribers === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  })
  return readonly(now)
}
