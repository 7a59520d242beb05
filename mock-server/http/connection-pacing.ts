// New connections read at a pace the event loop keeps up with. The admission gate bounds the work a
// turn runs, but not what comes before it: in a restart's storm the kernel hands the server hundreds
// of connections in one poll phase, and the next one parsed every request head and upgrade among them
// and queued each (0.2 ms apiece on a loaded machine: turns of 0.2-1.3 s with 800+ upgrades in them).
// Here a new connection starts paused (the server's `pauseOnConnect`: nothing read, nothing parsed),
// and so does a kept-alive connection after a response while the gate has a queue (the probes and
// resyncs of returning clients were the other half of those turns). A turn reads at most `allowance`
// waiting connections, in the order they came; the allowance adapts to how long turns run: halved
// after a turn longer than TARGET_TURN_MS, raised a step after a shorter one. Outside a burst every
// connection is read at once, as before.
import type { Socket } from 'node:net'
import type { Admission } from './admission'

/** Half the longest stall the storm allows (200 ms): room for a GC pause on top. */
export const TARGET_TURN_MS = 100
/** Connections a turn reads before the pace has been measured. */
export const INITIAL_READS_PER_TURN = 64
/** However long turns run, a burst still moves (a client gives up after its 10 s open timeout). */
export const MIN_READS_PER_TURN = 16
const MAX_READS_PER_TURN = 1024
const READS_STEP = 16

export interface ConnectionPacerOptions {
  /** The server's `keepAliveTimeout` (ms), suspended while a kept-alive connection waits unread. */
  keepAliveTimeoutMs: number
}

export interface ConnectionPacer {
  /** A new connection, accepted paused: read now, or in a later turn. */
  connected: (socket: Socket) => void
  /** A response went out on a kept-alive connection: while the gate has a queue its next request waits its turn too. */
  answered: (socket: Socket) => void
  /** Connections waiting to be read. */
  paused: () => number
  /** Connections a turn may read at the current pace. */
  readsPerTurn: () => number
}

export function createConnectionPacer(admission: Admission, options: ConnectionPacerOptions): ConnectionPacer {
  const waitingSockets: Array<Socket | undefined> = []
  let head = 0
  /** Waiting connections that were kept alive after a response (the others are new). */
  const keptAlive = new WeakSet<Socket>()
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
    if (keptAlive.delete(socket))
      socket.setTimeout(options.keepAliveTimeoutMs)
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
    answered(socket) {
      // Outside a burst (nothing queued) the next request is read as it comes.
      if (admission.waiting() === 0 || socket.destroyed)
        return
      // Node's keep-alive timeout, armed as the response finished, would close a connection held
      // here with its next request unread: suspended until it is read.
      socket.setTimeout(0)
      socket.pause()
      keptAlive.add(socket)
      wait(socket)
    },
    paused: () => waitingSockets.length - head,
    readsPerTurn: () => allowance,
  }
}
