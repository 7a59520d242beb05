// One timer for every connection (not one per socket): each tick sends the same serialised heartbeat
// to all of them, pings the WebSockets, terminates those that did not answer the previous ping, and
// closes any whose token has expired but was too far out for a timer.
import { CloseCause, CloseCode, heartbeatMessage } from '../../src/protocol'
import { OutboundEvent } from '../hub'
import type { ConnectionRegistry } from './registry'

/** Starts the heartbeat; returns the function that stops it. */
export function startHeartbeat(registry: ConnectionRegistry, intervalSec: number): () => void {
  const tick = () => {
    const heartbeat = new OutboundEvent(heartbeatMessage())
    const nowSec = Date.now() / 1000
    for (const connection of registry.connections()) {
      if (connection.expiresAtSec <= nowSec)
        connection.close(CloseCode.Unauthorized, CloseCause.TokenExpired)
      else
        connection.beat(heartbeat)
    }
  }
  const timer = setInterval(tick, intervalSec * 1000)
  timer.unref()
  return () => clearInterval(timer)
}
