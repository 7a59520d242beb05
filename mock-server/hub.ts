// The one in-process hub: every push (a new notification, a read-state change, a heartbeat) is turned
// into an OutboundEvent whose WebSocket frame and SSE block are each serialised once, however many
// sockets and streams receive it. WebSocket and SSE subscribers of a user are fed from the same place.
import { encodeMessage, type MessageTypeName } from '../src/protocol'
import type { ConnectionRegistry } from './connections/registry'

export class OutboundEvent {
  private wsText: string | null = null
  private wsBuffer: Buffer | null = null
  private sseText: string | null = null

  /** `id` becomes the SSE `id:` line (notifications only), so Last-Event-ID can resume after it. */
  constructor(readonly type: MessageTypeName, readonly data: unknown, readonly id: string | null = null) {}

  get wsFrame(): string {
    return (this.wsText ??= encodeMessage({ type: this.type, data: this.data }))
  }

  /** The frame as UTF-8 bytes: sending a Buffer spares `ws` one encoding per socket. */
  get wsBytes(): Buffer {
    return (this.wsBuffer ??= Buffer.from(this.wsFrame))
  }

  get sseBlock(): string {
    // JSON.stringify escapes newlines, so the payload is always one `data:` line.
    return (this.sseText ??= `${this.id === null ? '' : `id: ${this.id}\n`}event: ${this.type}\ndata: ${JSON.stringify(this.data)}\n\n`)
  }
}

export class Hub {
  constructor(private readonly registry: ConnectionRegistry) {}

  /** Sends the event to every notification socket and SSE stream of the user; returns how many got it. */
  publish(userId: string, event: OutboundEvent): number {
    let delivered = 0
    for (const connection of this.registry.subscribersOf(userId)) {
      if (connection.isOpen()) {
        connection.deliver(event)
        delivered++
      }
    }
    return delivered
  }
}
