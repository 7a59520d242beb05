import { pageHidden } from './pageVisibility'

/**
 * Runs `task` once on the next animation frame, however often `schedule()` is called before it.
 * A hidden tab gets no frames, so a timeout races the frame (and replaces it where there is
 * no requestAnimationFrame): arrivals in a background tab still land, a little later.
 */
export function createFrameScheduler(task: () => void, fallbackMs = 100) {
  let frame: number | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  function cancel(): void {
    if (frame !== null)
      globalThis.cancelAnimationFrame?.(frame)
    if (timer !== null)
      clearTimeout(timer)
    frame = null
    timer = null
  }

  function run(): void {
    cancel()
    task()
  }

  return {
    schedule(): void {
      if (frame !== null || timer !== null)
        return
      const framed = typeof globalThis.requestAnimationFrame === 'function' && !pageHidden()
      if (framed)
        frame = globalThis.requestAnimationFrame(run)
      timer = setTimeout(run, framed ? fallbackMs : 0)
    },
    /** Runs now if something is scheduled. */
    flush(): void {
      if (frame !== null || timer !== null)
        run()
    },
    cancel,
  }
}
