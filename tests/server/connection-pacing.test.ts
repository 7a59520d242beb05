// Reading new connections at the admission gate's pace (mock-server/http/connection-pacing.ts), on the
// real event loop with the real gate: a connection accepted paused is read at once when the server is
// not in a burst, and a burst's connections are read a turn's worth at a time, in the order they came.
import type { Socket } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { createAdmission } from '../../mock-server/http/admission'
import { createConnectionPacer, MIN_READS_PER_TURN } from '../../mock-server/http/connection-pacing'

/** An accepted connection as the pacer sees it: whether its client is gone, and the call that starts reading it. */
function connection(read: number[], index: number, options: { destroyed?: boolean } = {}): Socket {
  return { destroyed: options.destroyed ?? false, resume: () => read.push(index) } as unknown as Socket
}

describe('reading new connections at the gate\'s pace', () => {
  test('reads every connection at once when the server is not in a burst', () => {
    const pacer = createConnectionPacer(createAdmission({ turnBudgetMs: 20, maxQueueMs: 3000 }))
    const read: number[] = []
    for (let index = 0; index < 10; index++)
      pacer.connected(connection(read, index))
    expect(read).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(pacer.paused()).toBe(0)
  })

  test('reads a burst a turn\'s worth of connections at a time, in the order they came', async () => {
    const pacer = createConnectionPacer(createAdmission({ turnBudgetMs: 20, maxQueueMs: 3000 }))
    const read: number[] = []
    const burst = MIN_READS_PER_TURN * 3 + 10
    for (let index = 0; index < burst; index++)
      pacer.connected(connection(read, index))
    const readByTurn = [read.length]
    while (read.length < burst) {
      await nextTurn()
      readByTurn.push(read.length)
    }
    expect(readByTurn).toEqual([MIN_READS_PER_TURN, 2 * MIN_READS_PER_TURN, 3 * MIN_READS_PER_TURN, burst])
    expect(read).toEqual(Array.from({ length: burst }, (_, index) => index))
  })

  test('skips a connection whose client hung up while it waited to be read', async () => {
    const pacer = createConnectionPacer(createAdmission({ turnBudgetMs: 20, maxQueueMs: 3000 }))
    const read: number[] = []
    for (let index = 0; index < MIN_READS_PER_TURN; index++)
      pacer.connected(connection(read, index))
    pacer.connected(connection(read, MIN_READS_PER_TURN, { destroyed: true }))
    pacer.connected(connection(read, MIN_READS_PER_TURN + 1))
    while (pacer.paused() > 0)
      await nextTurn()
    expect(read.slice(-2)).toEqual([MIN_READS_PER_TURN - 1, MIN_READS_PER_TURN + 1])
  })
})
