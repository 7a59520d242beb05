// Waiting for what a test client has received: the client calls `notify()` whenever something arrives
// (or its state changes), and `until` resolves once the condition holds, or fails naming what did arrive.
export const DEFAULT_TIMEOUT_MS = 5000

export class ConditionWatch {
  private listeners: (() => void)[] = []

  /** `received` lists what arrived so far, for the timeout message. */
  constructor(private readonly received: () => string[]) {}

  notify(): void {
    for (const listener of [...this.listeners])
      listener()
  }

  until(condition: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (condition())
      return Promise.resolve()
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer)
        this.listeners = this.listeners.filter(listener => listener !== check)
      }
      const check = () => {
        if (!condition())
          return
        stop()
        resolve()
      }
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.received())}`))
      }, timeoutMs)
      this.listeners.push(check)
    })
  }
}
