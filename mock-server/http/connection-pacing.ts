// New connections read at a pace the event loop keeps up with. The admission gate bounds the work a
// turn runs, but not what comes before it: in a restart's storm the kernel hands the server hundreds
// of connections in one poll phase, and the next one parsed every request head and upgrade among them
// and queued each (0.2 ms apiece on a loaded machine: turns of 0.2-1.3 s with 800+ upgrades in them).
// Here a new connection starts paused (the server's `pauseOnConnect`: nothing read, nothing parsed),
// and a turn reads at most `allowance` of the waiting ones, in the order they came (each brings one
// request head or upgrade). The allowance adapts to how long turns run: halved after a turn longer
// than TARGET_TURN_MS, raised a step after a shorter one. Outside a burst every connection is read at
// once, as before. Kept-alive connections are not paced: one paused after a response mostly had
// nothing to read yet, so reading it cost nothing, the allowance grew on those cheap reads to
// hundreds, and the next burst of upgrades came in whole.
import type { Socket } from 'node:net'

/** Half the longest stall the storm allows (200 ms): room for a GC pause on top. */
export const TARGET_TURN_MS = 100
/** Connections a turn reads before the pace has been measured. */
export const INITIAL_READS_PER_TURN = 64
/** However long turns run, a burst still moves (a client gives up after its 10 s open timeout). */
export const MIN_READS_PER_TURN = 16
const MAX_READS_PER_TURN = 512
const READS_STEP = 16

export interface ConnectionPacer {
  /** A new connection, accepted paused: read now, or in a later turn. */
  connected: (socket: Socket) => void
  /** Connections waiting to be read. */
  paused: () => number
  /** Connections a turn may read at the current pace. */
  readsPerTurn: () => number
}

export function createConnectionPacer(): ConnectionPacer {
  const waitingSockets: Array<Socket | undefined> = []
  let head = 0
  let allowance = INITIAL_READS_PER_TURN
  let readThisTurn = 0
  let turnEndScheduled = false
  /** When the previous turn's end ran, while connections kept waiting (null: not in a burst). */
  let previousTurnEndAt: number | null = null

  function scheduleTurnEnd(): void {
    if (turnEndScheduled)
      return
    turnEndScheduled = true
    setImmediate(endTurn)
  }

  function endTurn(): void {
    turnEndScheduled = false
    const now = performance.now()
    // Connections still waiting after the previous turn mean it read its whole allowance.
    if (previousTurnEndAt !== null) {
      allowance = now - previousTurnEndAt > TARGET_TURN_MS
        ? Math.max(MIN_READS_PER_TURN, Math.floor(allowance / 2))
        : Math.min(MAX_READS_PER_TURN, allowance + READS_STEP)
    }
    while (head < waitingSockets.length && readThisTurn < allowance) {
      const socket = waitingSockets[head]!
      waitingSockets[head++] = undefined
      if (!socket.destroyed)
        read(socket)
    }
    if (head > 1024 && head * 2 > waitingSockets.length) {
      waitingSockets.splice(0, head)
      head = 0
    }
    // What this turn read is parsed in the next one: the next turn's length tells whether it was too much.
    readThisTurn = 0
    previousTurnEndAt = head < waitingSockets.length ? now : null
    if (head < waitingSockets.length)
      scheduleTurnEnd()
  }

  function read(socket: Socket): void {
    readThisTurn++
    scheduleTurnEnd()
    socket.resume()
  }

  function wait(socket: Socket): void {
    waitingSockets.push(socket)
    scheduleTurnEnd()
  }

  return {
    connected(socket) {
      if (head === waitingSockets.length && readThisTurn < allowance)
        read(socket)
      else
        wait(socket)
    },
    paused: () => waitingSockets.length - head,
    readsPerTurn: () => allowance,
  }
}
