// The frames a leader tab relays to the other tabs, gathered and posted together: one structured clone
// and one BroadcastChannel message per animation frame instead of one per frame received (a burst of
// pushes made the per-frame posts a tenth of the page's CPU). Order is kept: a batch is the frames in the
// order they came, and `flush()` lets the leader post what waits before any other relay message.
import { createFrameScheduler } from '@/utils/frameScheduler'
import { pageHidden } from '@/utils/pageVisibility'

export interface RelayBatch<T> {
  /** Queues a frame for the next batch. */
  add: (frame: T) => void
  /** Posts what waits now, if anything (before a message that must not overtake these frames). */
  flush: () => void
  /** Forgets what waits, unposted. */
  cancel: () => void
}

/** Calls `post` with the frames added since the last batch, oldest first, never with an empty list. */
export function createRelayBatch<T>(post: (frames: T[]) => void): RelayBatch<T> {
  let pending: T[] = []
  let endOfTaskQueued = false
  const scheduler = createFrameScheduler(flush)

  function flush(): void {
    scheduler.cancel()
    if (!pending.length)
      return
    const frames = pending
    pending = []
    post(frames)
  }

  function flushAtEndOfTask(): void {
    endOfTaskQueued = false
    flush()
  }

  return {
    add(frame) {
      pending.push(frame)
      // A hidden leader gets no animation frames, and its timers are held back (to once a second in
      // Chrome) while the tab the user is looking at waits for these frames: batch per task instead.
      if (!pageHidden()) {
        scheduler.schedule()
      }
      else if (!endOfTaskQueued) {
        endOfTaskQueued = true
        queueMicrotask(flushAtEndOfTask)
      }
    },
    flush,
    cancel() {
      scheduler.cancel()
      pending = []
    },
  }
}
