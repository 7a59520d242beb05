// The HTTP `upgrade` handler: route, Origin check (HTTP 403 before the handshake), token check, then
// the handshake. A bad token still completes the handshake and is closed with 4401, because a browser
// cannot read the HTTP status of a refused upgrade and would keep retrying; a user connecting faster
// than WS_MAX_CONNECTS_PER_USER_PER_SECOND is closed the same way with 4429.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import {
  CloseCode,
  CloseReason,
  MAX_FRAME_BYTES,
  Routes,
  SUBPROTOCOL,
  compilePath,
  socketTokenOf,
} from '../../src/protocol'
import type { ServerContext } from '../context'
import type { AdmissionJob } from '../http/admission'
import { remoteOf } from '../remote'
import { openNotificationSocket } from './notifications-socket'
import { isOriginAllowed } from './origin'
import { openTaskSocket } from './task-socket'
import { adoptTransport } from './ws-connection'

type SocketRoute = { kind: 'notifications' } | { kind: 'task', taskId: string }

const taskSocketPath = compilePath(Routes.taskSocket.path)

function routeOf(pathname: string): SocketRoute | null {
  if (pathname === Routes.notificationsSocket.path)
    return { kind: 'notifications' }
  const match = taskSocketPath.pattern.exec(pathname)
  if (match) {
    try {
      return { kind: 'task', taskId: decodeURIComponent(match[1]!) }
    }
    catch {}
  }
  return null
}

/**
 * The request target split at its `?`, as it came: a socket's path is matched exactly, never resolved
 * (`new URL` would cost every connect a full parse for the same answer).
 */
export function targetOf(req: IncomingMessage): { pathname: string, search: string } {
  const target = req.url ?? '/'
  const queryAt = target.indexOf('?')
  return queryAt < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, queryAt), search: target.slice(queryAt) }
}

function tokenOf(search: string, req: IncomingMessage): string | null {
  return socketTokenOf(search, req.headers['sec-websocket-protocol']?.split(',').map(item => item.trim()) ?? [])
}

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

function ignore(): void {}

/** Well below the app client's 20 s `openTimeout` (src/realtime/options.ts): a 503 lets it come back sooner. */
const HANDSHAKE_PATIENCE_MS = 8000

function destroyOnError(this: Duplex): void {
  this.destroy()
}

export interface UpgradeHandler {
  handle: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
  /** Whether a path is one of Tidings' sockets (an application mounting Tidings keeps the others). */
  owns: (pathname: string) => boolean
  /** Refuses new upgrades from now on (shutdown). */
  stopAccepting: () => void
  /** Sockets still connected, including those being refused or closing. */
  openSockets: () => number
  /** Drops whatever is still connected and closes the WebSocket server. */
  terminateAll: () => void
}

export function createUpgradeHandler(ctx: ServerContext): UpgradeHandler {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    // Tracked so shutdown can also end sockets that never joined the registry (refused, closing).
    clientTracking: true,
    // The `bearer.<jwt>` entry is never echoed back: the server selects the protocol name only.
    handleProtocols: protocols => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  })
  let closing = false

  async function handle(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (closing)
      return refuse(socket, 503, 'Service Unavailable')
    const url = targetOf(req)
    const route = routeOf(url.pathname)
    if (!route)
      return refuse(socket, 404, 'Not Found')
    const remote = remoteOf(req)
    if (!isOriginAllowed(req.headers.origin, req.headers.host, ctx.options.allowedOrigins)) {
      ctx.log('warn', `ws refuse path=${url.pathname} origin=${JSON.stringify(req.headers.origin)} remote=${remote} status=403`)
      return refuse(socket, 403, 'Forbidden')
    }
    const check = await ctx.tokens.verify(tokenOf(url.search, req))
    if (closing)
      return refuse(socket, 503, 'Service Unavailable')
    // Corked until the handshake's callback returns: the 101 response and the first frame (`connected`,
    // or the 4401/4429 close) leave in one write, one syscall and one wake-up of the client, not two.
    socket.cork()
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', ignore)
      adoptTransport(ws, socket)
      // Answered: whatever follows, this connection no longer counts as pending for its address.
      ctx.pending.settle(socket)
      if (!check.ok) {
        ctx.log('info', `ws reject path=${url.pathname} remote=${remote} code=${CloseCode.Unauthorized} reason=${check.reason}`)
        ws.close(CloseCode.Unauthorized, CloseReason[CloseCode.Unauthorized])
        return
      }
      // Reconnecting must not reset a user's allowances, so connects themselves are rationed.
      if (!ctx.limits.connects.take(check.value.user.id)) {
        ctx.log('info', `ws reject path=${url.pathname} user=${check.value.user.id} remote=${remote} code=${CloseCode.TooManyRequests} reason=connects`)
        ws.close(CloseCode.TooManyRequests, CloseReason[CloseCode.TooManyRequests])
        return
      }
      const opened = route.kind === 'notifications'
        ? openNotificationSocket(ctx, ws, check.value, remote)
        : openTaskSocket(ctx, ws, check.value, route.taskId, remote)
      opened?.catch((error: Error) => {
        ctx.log('error', `ws open failed path=${url.pathname} remote=${remote}: ${error.message}`)
        ws.terminate()
      })
    })
    socket.uncork()
  }

  /** One handshake waiting for its turn: methods, not closures, so a connect allocates one object. */
  class UpgradeJob implements AdmissionJob {
    // Refused only when it would wait past what a client waits for its first frame: a 503 costs
    // what a handshake does and lengthens the client's backoff, but a handshake for a client that
    // already gave up costs it and helps nobody.
    readonly patienceMs = HANDSHAKE_PATIENCE_MS

    constructor(private readonly req: IncomingMessage, private readonly socket: Duplex, private readonly head: Buffer) {}

    async run(): Promise<void> {
      try {
        await handle(this.req, this.socket, this.head)
      }
      catch (error) {
        ctx.log('error', `ws upgrade failed: ${(error as Error).message}`)
        this.socket.destroy()
      }
    }

    refuse(): void {
      refuse(this.socket, 503, 'Service Unavailable')
    }

    gone(): boolean {
      return this.socket.destroyed
    }
  }

  return {
    handle: (req, socket, head) => {
      // Listening before it may wait for a turn: an error on an unwatched socket would end the process.
      socket.on('error', destroyOnError)
      ctx.admission.admit(new UpgradeJob(req, socket, head))
    },
    owns: pathname => routeOf(pathname) !== null,
    stopAccepting: () => {
      closing = true
    },
    openSockets: () => wss.clients.size,
    terminateAll: () => {
      for (const socket of wss.clients)
        socket.terminate()
      wss.close()
    },
  }
}
