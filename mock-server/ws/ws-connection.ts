// A WebSocket as a registry Connection. Listeners are shared functions that find their connection
// through `socketOwners`, so no closure is allocated per socket.
import { randomUUID } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { WebSocket, type RawData } from 'ws'
import { CloseCode, CloseReason, MAX_BUFFERED_BYTES } from '../../src/protocol'
import type { Connection, ConnectionKind } from '../connections/connection'
import { MESSAGE_RATE, TokenBucket, type UserRateLimits } from '../connections/rate-limit'
import type { ConnectionRegistry } from '../connections/registry'
import type { OutboundEvent } from '../hub'
import type { ServerContext } from '../context'
import type { Logger } from '../logger'
import { textFrame } from './frames'

/** What the shared listeners of one kind of socket call back into. */
export interface SocketHost {
  /** The server these sockets belong to (a frame's handler may read its storage or wait at its gate). */
  ctx: ServerContext
  registry: ConnectionRegistry
  log: Logger
  /** The user's message allowance, shared by all their sockets. */
  limits: UserRateLimits
  /** One client frame within the rate limit: its text, or null for a binary frame. */
  onText: (connection: WsConnection, text: string | null) => void
}

/**
 * One host per server for a kind of socket, built on first use: every connection of that kind points at
 * the same object instead of carrying its own copy of the registry, logger and limits.
 */
export function socketHosts(onText: SocketHost['onText']): (ctx: ServerContext) => SocketHost {
  const hosts = new WeakMap<ServerContext, SocketHost>()
  return (ctx) => {
    let host = hosts.get(ctx)
    if (!host)
      hosts.set(ctx, (host = { ctx, registry: ctx.registry, log: ctx.log, limits: ctx.limits, onText }))
    return host
  }
}

export interface WsConnectionInit {
  host: SocketHost
  kind: ConnectionKind
  userId: string
  sessionId: string
  expiresAtSec: number
  taskId?: string | null
  /** Remote address, for log lines. */
  remote: string
}

/** Send options for pre-encoded text frames (one shared object, not one per send). */
const TEXT_FRAME = { binary: false }

const socketOwners = new WeakMap<WebSocket, WsConnection>()

/** The TCP socket under each accepted WebSocket (the one handed to `handleUpgrade`), for pre-built frames. */
const transports = new WeakMap<WebSocket, Duplex>()

/**
 * Records the TCP socket a WebSocket was accepted on, so pushes can write their pre-built frame to it
 * directly. Sound because nothing ever waits in `ws`'s own send queue here: it queues only while
 * compressing (perMessageDeflate is off) or reading a Blob (never sent), so bytes written to the TCP
 * socket keep their order with the frames `ws` writes itself.
 */
export function adoptTransport(socket: WebSocket, transport: Duplex): void {
  transports.set(socket, transport)
}

export class WsConnection implements Connection {
  readonly id = randomUUID()
  readonly kind: ConnectionKind
  readonly userId: string
  readonly sessionId: string
  readonly expiresAtSec: number
  readonly taskId: string | null
  readonly remote: string
  readonly host: SocketHost
  /** Cleared at each heartbeat, set again by a pong (or any frame): false at the next tick means dead. */
  alive = true
  private readonly messages = new TokenBucket(MESSAGE_RATE)
  /** Where pre-built frames go; null when the socket was not accepted by our upgrade handler. */
  private readonly transport: Duplex | null

  constructor(readonly socket: WebSocket, init: WsConnectionInit) {
    this.host = init.host
    this.kind = init.kind
    this.userId = init.userId
    this.sessionId = init.sessionId
    this.expiresAtSec = init.expiresAtSec
    this.taskId = init.taskId ?? null
    this.remote = init.remote
    this.transport = transports.get(socket) ?? null
    socketOwners.set(socket, this)
  }

  isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  /** Sends a text frame (a string, or its UTF-8 bytes); false when the socket was not open to take it. */
  send(frame: string | Buffer): boolean {
    if (!this.isOpen())
      return false
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.terminate()
      return false
    }
    this.socket.send(frame, TEXT_FRAME)
    return true
  }

  deliver(event: OutboundEvent): boolean {
    if (this.transport === null)
      return this.send(event.wsBytes)
    // The frame `ws` would build, built once for every recipient (one buffer, one write).
    return this.writeFrame(event.wsFrameBytes)
  }

  /**
   * Sends a text frame meant for this socket alone (the `connected` greeting) as `deliver` sends a push:
   * framed here and written in one piece, which is cheaper than `ws`'s send on every connect.
   */
  greet(text: string): boolean {
    if (this.transport === null)
      return this.send(text)
    return this.writeFrame(textFrame(Buffer.from(text)))
  }

  /** Writes a whole pre-built frame to the TCP socket, under the same checks as `send`. */
  private writeFrame(frame: Buffer): boolean {
    if (!this.isOpen())
      return false
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.terminate()
      return false
    }
    this.transport!.write(frame)
    return true
  }

  beat(heartbeat: OutboundEvent): void {
    if (!this.isOpen())
      return
    if (!this.alive) {
      this.terminate()
      return
    }
    this.alive = false
    this.socket.ping()
    this.deliver(heartbeat)
  }

  close(code: number, reason: string): void {
    const state = this.socket.readyState
    if (state === WebSocket.OPEN || state === WebSocket.CONNECTING)
      this.socket.close(code, reason)
  }

  terminate(): void {
    this.socket.terminate()
  }

  /** True when one more client message is within both this socket's rate and its user's (across sockets). */
  takeMessageAllowance(now = Date.now()): boolean {
    // Both are charged: a user spreading messages over many sockets still drains the shared bucket.
    const socketAllows = this.messages.take(now)
    const userAllows = this.host.limits.messages.take(this.userId, now)
    return socketAllows && userAllows
  }
}

/** Short description of a connection for log lines (never the token). */
export function describe(connection: WsConnection): string {
  const task = connection.taskId === null ? '' : ` task=${connection.taskId}`
  return `kind=${connection.kind} user=${connection.userId} conn=${connection.id}${task} remote=${connection.remote}`
}

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const connection = socketOwners.get(this)
  if (!connection || !connection.isOpen())
    return
  connection.alive = true
  if (!connection.takeMessageAllowance()) {
    connection.close(CloseCode.PolicyViolation, CloseReason[CloseCode.PolicyViolation])
    return
  }
  connection.host.onText(connection, isBinary ? null : data.toString())
}

function onPong(this: WebSocket): void {
  const connection = socketOwners.get(this)
  if (connection)
    connection.alive = true
}

function onError(this: WebSocket, error: Error): void {
  const connection = socketOwners.get(this)
  if (connection)
    connection.host.log('warn', `ws error ${describe(connection)} ${error.message}`)
}

function onClose(this: WebSocket, code: number, reason: Buffer): void {
  const connection = socketOwners.get(this)
  if (!connection)
    return
  connection.host.registry.remove(connection)
  const why = reason.length ? ` reason=${JSON.stringify(reason.toString().slice(0, 80))}` : ''
  connection.host.log('info', `ws close ${describe(connection)} code=${code}${why}`)
}

/** Wires the shared listeners to an accepted socket. */
export function listen(connection: WsConnection): void {
  connection.socket.on('message', onMessage)
  connection.socket.on('pong', onPong)
  connection.socket.on('error', onError)
  connection.socket.on('close', onClose)
}
