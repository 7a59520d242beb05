// New connections read at the admission gate's pace. The gate bounds the work a turn runs, but not
// what comes before it: in a restart's storm the kernel hands the server hundreds of connections in
// one poll phase, and the next one parsed every request head and upgrade among them and queued each
// (0.2 ms apiece on a loaded machine: turns of 0.2-1.3 s with 800+ upgrades in them). Here a new
// connection starts paused (the server's `pauseOnConnect`: nothing read, nothing parsed) and is read
// at the pace the gate serves: at most a turn's worth of connections a turn, the rest in later turns,
// in order. A server that is not in a burst reads every connection at once, as before.
import type { Socket } from 'node:net'
import type { Admission } from './admission'

/**
 * New connections read in one turn whatever the gate's state: the first turn of a burst cannot know
 * what its requests will cost, and a handshake costs about a tenth of a resync.
 */
export const MIN_READS_PER_TURN = 64

export interface ConnectionPacer {
  /** A new connection, accepted paused: read now, or in a later turn when the gate has room. */
  connected: (socket: Socket) => void
  /** Connections accepted and not yet read. */
  paused: () => number
}

export function createConnectionPacer(admission: Admission): ConnectionPacer {
  const waitingSockets: Array<Socket | undefined> = []
  let head = 0
  let readThisTurn = 0
  let turnEndScheduled = false

  /**
   * Connections this turn may still read: as many as the gate serves in a turn, so their requests come
   * in no faster than it serves them. Not fewer while its queue is long: keep-alive requests keep that
   * queue full, and a connection held back behind them would lose its place (and its client, after
   * its 10 s open timeout).
   */
  function room(): number {
    return Math.max(MIN_READS_PER_TURN, admission.servedPerTurn()) - readThisTurn
  }

  function scheduleTurnEnd(): void {
    if (turnEndScheduled)
      return
    turnEndScheduled = true
    setImmediate(endTurn)
  }

  function endTurn(): void {
    turnEndScheduled = false
    readThisTurn = 0
    while (head < waitingSockets.length && room() > 0) {
      const socket = waitingSockets[head]!
      waitingSockets[head++] = undefined
      if (!socket.destroyed)
        read(socket)
    }
    if (head > 1024 && head * 2 > waitingSockets.length) {
      waitingSockets.splice(0, head)
      head = 0
    }
    if (head < waitingSockets.length)
      scheduleTurnEnd()
  }

  function read(socket: Socket): void {
    readThisTurn++
    scheduleTurnEnd()
    socket.resume()
  }

  return {
    connected(socket) {
      if (head === waitingSockets.length && room() > 0) {
        read(socket)
        return
      }
      waitingSockets.push(socket)
      scheduleTurnEnd()
    },
    paused: () => waitingSockets.length - head,
  }
}
