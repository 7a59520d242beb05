// GET /api/notifications/stream: the EventSource compatibility stream (SPEC §1.5). It joins the same
// hub as the WebSockets; `Last-Event-ID` (or `?lastEventId=`) replays the user's notifications with a
// greater id, i.e. exactly those created while the client was away. A stream that stops reading is
// dropped like a WebSocket (over MAX_BUFFERED_BYTES unread, or a heartbeat still unsent a whole interval
// later): its EventSource reconnects and the replay fills the gap. HEAD answers with the headers only.
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { CloseCode, MAX_BUFFERED_BYTES, connectedMessage, notificationMessage, streamCloseMessage, type Notification } from '../../src/protocol'
import type { Connection } from '../connections/connection'
import type { VerifiedToken } from '../auth/jwt'
import { OutboundEvent, whenSubscribed } from '../hub'
import { remoteOf } from '../remote'
import { HttpError } from './envelope'
import { authenticate, bearerToken, type RequestContext } from './router'

/** How long an EventSource waits before reconnecting after the stream drops. */
const RETRY_MS = 3000
/** The reconnection delay a replaced stream is given, so that a plain EventSource does not fight back. */
export const REPLACED_RETRY_MS = 24 * 60 * 60 * 1000

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'Connection': 'keep-alive',
  // nginx: pass each event through at once.
  'X-Accel-Buffering': 'no',
}

class SseConnection implements Connection {
  readonly id = randomUUID()
  readonly kind = 'sse' as const
  readonly taskId = null

  constructor(
    private readonly res: ServerResponse,
    readonly userId: string,
    readonly sessionId: string,
    readonly expiresAtSec: number,
  ) {}

  isOpen(): boolean {
    return !this.res.writableEnded && !this.res.destroyed
  }

  /** Pushes that arrived while the replay was read from storage (null: none is being read). */
  private held: OutboundEvent[] | null = null
  /** Notification ids already sent by the replay, whose pushes from another process may still arrive. */
  private replayed: Set<string> | null = null
  /** The peer had not taken the previous heartbeat in when it was written. */
  private stalledAtBeat = false
  /** Bytes the replay wrote at once: allowed on top of the cap until a heartbeat finds them taken in. */
  private replayAllowance = 0
  /** Why the server dropped the stream, for the close log line. */
  dropReason: string | null = null

  write(block: Buffer): boolean {
    if (!this.isOpen())
      return false
    // What Node holds for the socket as well as the response's own buffer, in bytes since we write Buffers.
    if (this.res.writableLength > MAX_BUFFERED_BYTES + this.replayAllowance) {
      this.drop(`over ${MAX_BUFFERED_BYTES} bytes unread`)
      return false
    }
    this.res.write(block)
    return true
  }

  deliver(event: OutboundEvent): boolean {
    // Registered while its replay is still being read: kept, and written after the replay.
    if (this.held !== null) {
      this.held.push(event)
      return this.isOpen()
    }
    // Already sent by the replay: it counts as delivered.
    if (this.replayed !== null && event.id !== null && this.replayed.delete(event.id))
      return this.isOpen()
    return this.write(event.sseBytes)
  }

  /**
   * Sends what the client missed in one go. Up to a user's 1000 notifications can be more than the
   * cap, so those bytes come on top of it; a peer that does not take them in is dropped by the heartbeat.
   */
  replay(events: OutboundEvent[]): void {
    for (const event of events) {
      if (!this.write(event.sseBytes))
        return
      this.replayAllowance += event.sseBytes.length
    }
  }

  /** Keeps pushes back until `replayHeld`: the replay is read asynchronously, after registering. */
  holdForReplay(): void {
    this.held = []
  }

  /**
   * Writes the replay, then the pushes held meanwhile, except those the replay already carried (a row
   * stored before the replay's read whose push came after the registration).
   */
  replayHeld(events: OutboundEvent[]): void {
    const held = this.held ?? []
    this.held = null
    this.replay(events)
    const sent = new Set(events.map(event => event.id))
    for (const event of held) {
      if (event.id === null || !sent.has(event.id))
        this.deliver(event)
    }
  }

  beat(heartbeat: OutboundEvent): void {
    // Pushes in flight at connect time have long arrived by the first heartbeat.
    this.replayed = null
    if (!this.isOpen())
      return
    // Still backed up a whole interval later: the peer is not reading (a WebSocket's missed pong).
    if (this.stalledAtBeat && this.res.writableNeedDrain) {
      this.drop('heartbeat not taken for a whole interval')
      return
    }
    if (!this.res.writableNeedDrain)
      this.replayAllowance = 0
    this.write(heartbeat.sseBytes)
    this.stalledAtBeat = this.res.writableNeedDrain
  }

  skipOnce(ids: string[]): void {
    this.replayed = new Set(ids)
  }

  /** Tells the client why with a `close` event (4409: stop, do not reconnect), then ends the stream. */
  close(code: number, reason: string): void {
    if (!this.isOpen())
      return
    // A peer that is not reading would never see the event, and the end would wait on it forever.
    if (this.res.writableNeedDrain) {
      this.terminate()
      return
    }
    // A plain EventSource ignores the event and would come back in RETRY_MS to evict another of the
    // user's connections in turn; a replaced one is told to wait a day instead.
    const retry = code === CloseCode.Replaced ? `retry: ${REPLACED_RETRY_MS}\n\n` : ''
    this.res.end(retry + new OutboundEvent(streamCloseMessage(code, reason)).sseBlock)
  }

  terminate(): void {
    this.res.destroy()
  }

  private drop(reason: string): void {
    this.dropReason = reason
    this.terminate()
  }
}

function lastEventIdOf({ req, url }: RequestContext): number | null {
  const raw = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId')
  const text = Array.isArray(raw) ? raw[0] : raw
  return text && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : null
}

export async function handleStream(request: RequestContext): Promise<void> {
  const { ctx, req, res, url } = request
  const session = await authenticate(ctx, url.searchParams.get('token') || bearerToken(req), req)
  if (req.method === 'HEAD') {
    // What a GET would answer, without opening a stream.
    res.writeHead(200, STREAM_HEADERS)
    res.end()
    return
  }
  if (!ctx.limits.connects.take(session.user.id)) {
    ctx.log('info', `sse reject user=${session.user.id} remote=${remoteOf(req)} status=429`)
    throw new HttpError(429, `too many connections opened: at most ${ctx.options.maxConnectsPerUserPerSecond} per second `
      + 'for one user; retry in a moment', { 'Retry-After': '1' })
  }
  const lastEventId = lastEventIdOf(request)

  req.socket.setNoDelay(true)
  req.socket.setKeepAlive(true)
  res.writeHead(200, STREAM_HEADERS)
  res.write(`retry: ${RETRY_MS}\n\n`)

  // With several processes, pushes published elsewhere must reach this one before the replay reads the
  // database, so nothing falls between the two.
  await whenSubscribed(ctx.hub, 'user', session.user.id, () =>
    res.writableEnded || res.destroyed ? undefined : start(request, session, lastEventId))
}

/** Registers the stream (in the tick it is subscribed) and returns its replay, when it asked for one. */
function start({ ctx, req, res }: RequestContext, session: VerifiedToken, lastEventId: number | null): Promise<void> | undefined {
  const connection = new SseConnection(res, session.user.id, session.sid, session.exp)
  const remote = remoteOf(req)
  const describe = `kind=sse user=${connection.userId} conn=${connection.id} remote=${remote}`
  if (!ctx.registry.add(connection))
    return undefined
  ctx.log('info', `sse open ${describe}${lastEventId === null ? '' : ` last_event_id=${lastEventId}`}`)
  res.on('close', () => {
    ctx.registry.remove(connection)
    ctx.log('info', `sse close ${describe}${connection.dropReason === null ? '' : ` dropped: ${connection.dropReason}`}`)
  })

  connection.deliver(new OutboundEvent(connectedMessage({
    userId: session.user.id,
    connectionId: connection.id,
    message: 'SSE 连接成功',
    heartbeatIntervalSec: ctx.options.heartbeatIntervalSec,
  })))
  // Registered before the replay is read, so no push falls between the two: pushes arriving meanwhile
  // are held and written after the replay (those it already carried are skipped). A push from another
  // process may still be on its way for a row the replay read: that one is skipped when it comes.
  if (lastEventId === null)
    return undefined
  connection.holdForReplay()
  return replayAfter(ctx, connection, lastEventId)
}

async function replayAfter(ctx: RequestContext['ctx'], connection: SseConnection, lastEventId: number): Promise<void> {
  let replayed: Notification[]
  try {
    replayed = await ctx.notifications.after(connection.userId, lastEventId)
  }
  catch (error) {
    // Without its replay the stream would silently miss rows: end it, and the EventSource comes back.
    ctx.log('error', `sse replay failed user=${connection.userId}: ${(error as Error).message}`)
    connection.terminate()
    return
  }
  connection.replayHeld(replayed.map(notification => new OutboundEvent(notificationMessage(notification), notification.id)))
  if (ctx.hub.clustered && replayed.length > 0)
    connection.skipOnce(replayed.map(notification => notification.id))
}
