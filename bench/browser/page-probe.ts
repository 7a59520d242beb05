// Installed in the page before the app starts: collects long tasks (PerformanceObserver 'longtask')
// and every animation frame's timestamp while recording, so the burst's main-thread cost is measured
// by the browser itself.

export interface ProbeReport {
  /** Duration of each long task, ms. */
  longTasks: number[]
  /** When each began, ms after start(). */
  longTaskStarts: number[]
  frameTimes: number[]
}

declare global {
  interface Window {
    __benchProbe: { start: () => void, stop: () => ProbeReport }
  }
}

/**
 * The probe's source, run in the page before the app (kept as text: a transpiled function would carry
 * helpers that do not exist in the page).
 */
export const PROBE_SCRIPT = `(() => {
  let recording = false
  let startedAt = 0
  let longTasks = []
  let longTaskStarts = []
  let frameTimes = []
  new PerformanceObserver((list) => {
    if (recording)
      for (const entry of list.getEntries()) {
        longTasks.push(entry.duration)
        longTaskStarts.push(entry.startTime - startedAt)
      }
  }).observe({ type: 'longtask', buffered: false })
  const onFrame = (time) => {
    if (recording)
      frameTimes.push(time)
    requestAnimationFrame(onFrame)
  }
  requestAnimationFrame(onFrame)
  window.__benchProbe = {
    start() {
      longTasks = []
      longTaskStarts = []
      frameTimes = []
      startedAt = performance.now()
      recording = true
    },
    stop() {
      recording = false
      return { longTasks, longTaskStarts, frameTimes }
    },
  }
})()`

/** Frames missed between consecutive rAF callbacks, at the display's 60 Hz. */
export function droppedFrames(frameTimes: number[], frameMs = 1000 / 60): number {
  let dropped = 0
  for (let index = 1; index < frameTimes.length; index++)
    dropped += Math.max(0, Math.round((frameTimes[index] - frameTimes[index - 1]) / frameMs) - 1)
  return dropped
}
