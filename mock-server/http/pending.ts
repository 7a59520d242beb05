// Connections that have not yet shown who they are, counted per IP address. A connection counts from
// the moment it is accepted until its first request is authenticated (REST, SSE, WebSocket token) or
// answered (login, a 401, a 404, a completed handshake), or until it closes; after that it never counts
// again. One address holding `limit` such connections gets its next ones dropped at once, so slow or
// silent clients cannot take every descriptor and lock everyone else out of login.
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Logger } from '../logger'

/** At most one "refused" line per this long, however many connections are refused. */
const LOG_EVERY_MS = 5000

export class PendingConnections {
  private readonly byAddress = new Map<string, number>()
  /** The address each still-pending socket is counted under. */
  private readonly addressOf = new WeakMap<Duplex, string>()
  private refusedSinceLog = 0
  private lastLogAt = 0
  /** One listener for every socket (no closure per connection). */
  private readonly onClose: (this: Duplex) => void

  constructor(private readonly limit: number, private readonly log: Logger) {
    const settle = this.settle.bind(this)
    this.onClose = function (this: Duplex) {
      settle(this)
    }
  }

  /** A new connection: counted, or destroyed when its address already has `limit` pending. */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? '?'
    const count = this.byAddress.get(address) ?? 0
    if (count >= this.limit) {
      socket.destroy()
      this.refused(address)
      return
    }
    this.byAddress.set(address, count + 1)
    this.addressOf.set(socket, address)
    socket.once('close', this.onClose)
  }

  /** The connection authenticated or got its answer: it stops counting (idempotent). */
  settle(socket: Duplex | null | undefined): void {
    const address = socket ? this.addressOf.get(socket) : undefined
    if (address === undefined)
      return
    this.addressOf.delete(socket!)
    socket!.off('close', this.onClose)
    const count = (this.byAddress.get(address) ?? 1) - 1
    if (count > 0)
      this.byAddress.set(address, count)
    else
      this.byAddress.delete(address)
  }

  private refused(address: string): void {
    this.refusedSinceLog++
    const now = Date.now()
    if (now - this.lastLogAt < LOG_EVERY_MS)
      return
    this.log('warn', `http refused ${this.refusedSinceLog} connection(s): ${address} already has ${this.limit} `
      + `not yet authenticated (MAX_PENDING_CONNECTIONS_PER_IP)`)
    this.lastLogAt = now
    this.refusedSinceLog = 0
  }
}
