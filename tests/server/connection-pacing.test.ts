// Reading new connections at a pace the event loop keeps up with (mock-server/http/connection-pacing.ts),
// on the real event loop: a connection accepted paused is read at once
// outside a burst; a burst's connections are read a turn's allowance at a time, in the order they came;
// the allowance shrinks while turns run long. Connections whose reading busy-waits make "this turn ran
// long" hold however fast the machine is (the checks are "at most", never "within").
import type { Socket } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { createConnectionPacer, INITIAL_READS_PER_TURN, MIN_READS_PER_TURN, TARGET_TURN_MS } from '../../mock-server/http/connection-pacing'

function busy(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spinning: parsing what this connection sent
  }
}

function pacer() {
  return createConnectionPacer()
}

/** An accepted connection as the pacer sees it: whether its client is gone, and the call that starts reading it. */
function connection(read: number[], index: number, options: { destroyed?: boolean, costMs?: number } = {}): Socket {
  return {
    destroyed: options.destroyed ?? false,
    resume: () => {
      busy(options.costMs ?? 0)
      read.push(index)
    },
  } as unknown as Socket
}

/** How many connections had been read after each turn, until all of them were. */
async function readByTurn(read: number[], total: number): Promise<number[]> {
  const counts = [read.length]
  while (read.length < total) {
    await nextTurn()
    counts.push(read.length)
  }
  return counts
}

describe('reading new connections at a pace the event loop keeps up with', () => {
  test('reads every connection at once when the server is not in a burst', () => {
    const paced = pacer()
    const read: number[] = []
    for (let index = 0; index < 10; index++)
      paced.connected(connection(read, index))
    expect(read).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(paced.paused()).toBe(0)
  })

  test('reads a burst a turn\'s allowance at a time, in the order the connections came', async () => {
    const paced = pacer()
    const read: number[] = []
    const burst = INITIAL_READS_PER_TURN * 4
    for (let index = 0; index < burst; index++)
      paced.connected(connection(read, index))
    const counts = await readByTurn(read, burst)
    expect(counts[0]).toBe(INITIAL_READS_PER_TURN)
    expect(counts.length).toBeGreaterThan(2)
    expect(read).toEqual(Array.from({ length: burst }, (_, index) => index))
  })

  test('reads fewer connections a turn while turns run past their target, however many wait', async () => {
    const paced = pacer()
    const read: number[] = []
    // Each read costs at least 5 ms: the first turns' 64 and more run 320 ms and more, past the 100 ms target.
    const costMs = 5
    const burst = 300
    for (let index = 0; index < burst; index++)
      paced.connected(connection(read, index, { costMs }))
    const counts = await readByTurn(read, burst)
    const perTurn = counts.slice(1).map((count, turn) => count - counts[turn]!)
    // Halved after each long turn, raised a step after a short one: once settled, a turn reads at most
    // what fits the target plus one step (slower reads only make it fewer).
    const settled = Math.max(MIN_READS_PER_TURN, Math.ceil(TARGET_TURN_MS / costMs) + 16)
    expect(perTurn.length).toBeGreaterThan(6)
    expect(Math.max(...perTurn.slice(-3))).toBeLessThanOrEqual(settled)
    expect(paced.readsPerTurn()).toBeLessThan(INITIAL_READS_PER_TURN)
    expect(read).toEqual(Array.from({ length: burst }, (_, index) => index))
  })

  test('skips a connection whose client hung up while it waited to be read', async () => {
    const paced = pacer()
    const read: number[] = []
    for (let index = 0; index < INITIAL_READS_PER_TURN; index++)
      paced.connected(connection(read, index))
    paced.connected(connection(read, INITIAL_READS_PER_TURN, { destroyed: true }))
    paced.connected(connection(read, INITIAL_READS_PER_TURN + 1))
    while (paced.paused() > 0)
      await nextTurn()
    expect(read.slice(-2)).toEqual([INITIAL_READS_PER_TURN - 1, INITIAL_READS_PER_TURN + 1])
  })
})
