// GET /api/notifications/stream: the EventSource compatibility stream (SPEC §1.5). It joins the same
// hub as the WebSockets; `Last-Event-ID` (or `?lastEventId=`) replays the user's notifications with a
// greater id, i.e. exactly those created while the client was away.
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { MessageType } from '../../src/protocol'
import type { Connection } from '../connections/connection'
import { OutboundEvent } from '../hub'
import { remoteOf } from '../remote'
import { authenticate, bearerToken, type RequestContext } from './router'

/** How long an EventSource waits before reconnecting after the stream drops. */
const RETRY_MS = 3000

class SseConnection implements Connection {
  readonly id = randomUUID()
  readonly kind = 'sse' as const
  readonly taskId = null

  constructor(
    private readonly res: ServerResponse,
    readonly userId: string,
    readonly jti: string,
    readonly expiresAtSec: number,
  ) {}

  isOpen(): boolean {
    return !this.res.writableEnded && !this.res.destroyed
  }

  write(block: string): void {
    if (this.isOpen())
      this.res.write(block)
  }

  deliver(event: OutboundEvent): void {
    this.write(event.sseBlock)
  }

  beat(heartbeat: OutboundEvent): void {
    this.write(heartbeat.sseBlock)
  }

  close(): void {
    if (this.isOpen())
      this.res.end()
  }

  terminate(): void {
    this.res.destroy()
  }
}

function lastEventIdOf({ req, url }: RequestContext): number | null {
  const raw = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId')
  const text = Array.isArray(raw) ? raw[0] : raw
  return text && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : null
}

export async function handleStream(request: RequestContext): Promise<void> {
  const { ctx, req, res, url } = request
  const session = await authenticate(ctx, url.searchParams.get('token') || bearerToken(req))
  const lastEventId = lastEventIdOf(request)

  req.socket.setNoDelay(true)
  req.socket.setKeepAlive(true)
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'Connection': 'keep-alive',
    // nginx: pass each event through at once.
    'X-Accel-Buffering': 'no',
  })
  res.write(`retry: ${RETRY_MS}\n\n`)

  const connection = new SseConnection(res, session.user.id, session.jti, session.exp)
  const remote = remoteOf(req)
  const describe = `kind=sse user=${connection.userId} conn=${connection.id} remote=${remote}`
  ctx.registry.add(connection)
  ctx.log('info', `sse open ${describe}${lastEventId === null ? '' : ` last_event_id=${lastEventId}`}`)
  res.on('close', () => {
    ctx.registry.remove(connection)
    ctx.log('info', `sse close ${describe}`)
  })

  connection.deliver(new OutboundEvent(MessageType.Connected, {
    user_id: session.user.id,
    connection_id: connection.id,
    message: 'SSE 连接成功',
    timestamp: new Date().toISOString(),
    heartbeat_interval: ctx.options.heartbeatIntervalSec,
  }))
  // Registration and replay happen in the same tick as any push, so nothing is missed or sent twice.
  if (lastEventId !== null) {
    for (const notification of ctx.notifications.after(session.user.id, lastEventId))
      connection.deliver(new OutboundEvent(MessageType.Notification, notification, notification.id))
  }
}
