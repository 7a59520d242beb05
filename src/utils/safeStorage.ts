// localStorage where there is one: Node has none (benchmarks), and a browser's may throw (private
// modes, storage turned off or full). What cannot be stored then lasts for this page only.

/** The stored value, or null when there is none or storage cannot be read. */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null
  }
  catch {
    return null
  }
}

/** Stores `value` (null removes the key); does nothing where storage refuses. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null)
      globalThis.localStorage?.removeItem(key)
    else
      globalThis.localStorage?.setItem(key, value)
  }
  catch {
    // The value lasts for this page only.
  }
}
