// The little of a browser the stores touch, for running them in Node: localStorage, window events,
// and requestAnimationFrame driven by a 60 Hz frame clock (so "one update per frame" can be counted).
import { configureRealtime } from '../../src/stores/realtimeSettings'

export const FRAME_MS = 1000 / 60

class MemoryStorage {
  private values = new Map<string, string>()
  getItem(key: string): string | null {
    return this.values.get(key) ?? null
  }

  setItem(key: string, value: string): void {
    this.values.set(key, String(value))
  }

  removeItem(key: string): void {
    this.values.delete(key)
  }

  clear(): void {
    this.values.clear()
  }
}

export interface FrameClock {
  /** Frames that have ticked since install. */
  readonly frames: number
  /** Resolves `offsetMs` after the next frame ticks (a timer's precision: whole milliseconds). */
  afterFrame: (offsetMs: number) => Promise<void>
  stop: () => void
}

export function installNodeDom(): FrameClock {
  const scope = globalThis as Record<string, unknown>
  scope.localStorage ??= new MemoryStorage()
  scope.window ??= globalThis
  scope.addEventListener ??= () => {}
  scope.removeEventListener ??= () => {}
  // No other tab in this process: the tab relay would only add a channel that keeps Node alive.
  configureRealtime({ BroadcastChannel: null, locks: null })

  let nextHandle = 1
  let callbacks = new Map<number, FrameRequestCallback>()
  let frames = 0
  const timer = setInterval(() => {
    frames++
    const due = callbacks
    callbacks = new Map()
    const now = performance.now()
    for (const callback of due.values())
      callback(now)
  }, FRAME_MS)
  const requestFrame = (callback: FrameRequestCallback) => {
    const handle = nextHandle++
    callbacks.set(handle, callback)
    return handle
  }
  scope.requestAnimationFrame = requestFrame
  scope.cancelAnimationFrame = (handle: number) => {
    callbacks.delete(handle)
  }
  return {
    get frames() {
      return frames
    },
    afterFrame: offsetMs => new Promise((resolve) => {
      requestFrame(() => setTimeout(resolve, offsetMs))
    }),
    stop: () => clearInterval(timer),
  }
}
