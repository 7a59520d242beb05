// Lazy chunks that may fail to download (offline for a moment, a proxy hiccup, a deploy that
// replaced the files). A failure is reported once, as one visible notice, and never cached: the
// loader runs again on the next click or navigation.
import { shallowRef } from 'vue'

/** A chunk that could not be downloaded (the browser's own error is the `cause`). */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'ChunkLoadError'
  }
}

export interface LoadFailure {
  /** Tries again at once (e.g. the navigation that failed); without it the user tries by clicking again. */
  retry?: () => void
}

/** The failure the app shows now (one at a time: the newest replaces an older one). */
export const currentLoadFailure = shallowRef<LoadFailure | null>(null)

export function reportLoadFailure(failure: LoadFailure): void {
  currentLoadFailure.value = failure
}

/** A later attempt worked, or the user dismissed the notice. */
export function clearLoadFailure(): void {
  currentLoadFailure.value = null
}

/**
 * Wraps a dynamic import so that a rejection becomes a `ChunkLoadError` and is not kept: each call
 * imports again, and a call that succeeds clears the notice of an earlier failure.
 */
export function lazyChunk<T>(load: () => Promise<T>): () => Promise<T> {
  return () => load().then(
    (module) => {
      clearLoadFailure()
      return module
    },
    (error: unknown) => {
      throw error instanceof ChunkLoadError ? error : new ChunkLoadError(error)
    },
  )
}
