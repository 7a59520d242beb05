// A typed BroadcastChannel between the tabs of one browser. Where BroadcastChannel is missing the
// channel is inert: each tab simply lives on its own.

/** A `BroadcastChannel` class (the browser's, or a stand-in in tests and Node). */
export type BroadcastChannelConstructor = new (name: string) => BroadcastChannel

export interface TabChannel<T> {
  post(message: T): void
  /** Messages from the other tabs (never this tab's own). */
  on(listener: (message: T) => void): () => void
  close(): void
}

export function createTabChannel<T>(
  name: string,
  BroadcastChannelImpl: BroadcastChannelConstructor | null | undefined = globalThis.BroadcastChannel,
): TabChannel<T> {
  const listeners = new Set<(message: T) => void>()
  let channel: BroadcastChannel | null = BroadcastChannelImpl ? new BroadcastChannelImpl(name) : null
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      for (const listener of [...listeners]) {
        try {
          listener(event.data as T)
        }
        catch (error) {
          console.error(`[realtime] a listener of tab channel "${name}" failed`, error)
        }
      }
    }
    // Node's BroadcastChannel (tests, SSR) would otherwise keep the process alive.
    ;(channel as BroadcastChannel & { unref?: () => void }).unref?.()
  }
  return {
    post(message) {
      try {
        channel?.postMessage(message)
      }
      catch (error) {
        console.error(`[realtime] could not post to tab channel "${name}"`, error)
      }
    },
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      listeners.clear()
      channel?.close()
      channel = null
    },
  }
}
