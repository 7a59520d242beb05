// A small, real in-process implementation of the Web Locks `request()` semantics (exclusive mode,
// FIFO queue, release when the callback's promise settles, AbortSignal while waiting). jsdom and
// Node 20 have no navigator.locks; this stands in for the browser API, not for our election.
import type { LockProvider } from '../../src/realtime'

interface Waiter {
  grant: () => void
}

export function createLockManager(): LockProvider & { holderCount: (name: string) => number } {
  const queues = new Map<string, Waiter[]>()
  const held = new Set<string>()

  function grantNext(name: string): void {
    if (held.has(name))
      return
    const next = queues.get(name)?.shift()
    next?.grant()
  }

  return {
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const signal = options.signal
        if (signal?.aborted)
          return reject(new DOMException('The request was aborted.', 'AbortError'))
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort)
            held.add(name)
            Promise.resolve()
              .then(() => callback({ name, mode: 'exclusive' }))
              .then(resolve, reject)
              .finally(() => {
                held.delete(name)
                grantNext(name)
              })
          },
        }
        const onAbort = () => {
          const queue = queues.get(name) ?? []
          const index = queue.indexOf(waiter)
          if (index >= 0) {
            queue.splice(index, 1)
            reject(new DOMException('The request was aborted.', 'AbortError'))
          }
        }
        signal?.addEventListener('abort', onAbort)
        const queue = queues.get(name) ?? []
        queues.set(name, queue)
        queue.push(waiter)
        grantNext(name)
      })
    },
    holderCount: name => (held.has(name) ? 1 : 0),
  }
}
