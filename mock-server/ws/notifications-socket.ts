// /api/ws/notifications: after auth the socket joins the user's subscribers (evicting the oldest past
// the per-user limit), gets `connected`, then pushed notifications; it answers `ping` with `pong`, `sync`
// with `synced` (./sync.ts) and anything else with an `error` frame, staying open.
import { WebSocket } from 'ws'
import { ErrorCode, MessageType, encodeConnectedMessage, encodeMessage, errorMessage, parseClientMessage, pongMessage } from '../../src/protocol'
import type { VerifiedToken } from '../auth/jwt'
import type { ServerContext } from '../context'
import { whenSubscribed } from '../hub'
import { answerSync } from './sync'
import { describe, listen, socketHosts, WsConnection } from './ws-connection'

function onText(connection: WsConnection, text: string | null): void {
  if (text === null) {
    connection.send(encodeMessage(errorMessage(ErrorCode.InvalidMessage, 'binary frames are not supported; send JSON text')))
    return
  }
  const parsed = parseClientMessage(text)
  if (!parsed.ok) {
    connection.send(encodeMessage(errorMessage(parsed.code, parsed.message, parsed.requestId)))
    return
  }
  if (parsed.value.type === MessageType.Ping)
    connection.send(encodeMessage(pongMessage()))
  else if (parsed.value.type === MessageType.Sync)
    answerSync(connection.host.ctx, connection, parsed.value.data)
}

const hostFor = socketHosts(onText)

export function openNotificationSocket(ctx: ServerContext, socket: WebSocket, session: VerifiedToken, remote: string): Promise<void> | undefined {
  // With several processes, pushes published elsewhere must reach this one before `connected` (the
  // client's cue to resync by REST), so nothing falls between its resync and its first push.
  return whenSubscribed(ctx.hub, 'user', session.user.id, () => {
    if (socket.readyState === WebSocket.OPEN)
      start(ctx, socket, session, remote)
  })
}

function start(ctx: ServerContext, socket: WebSocket, session: VerifiedToken, remote: string): void {
  const connection = new WsConnection(socket, {
    host: hostFor(ctx),
    kind: 'notifications',
    userId: session.user.id,
    sessionId: session.sid,
    expiresAtSec: session.exp,
    remote,
  })
  listen(connection)
  // Evicted sockets log their own close line (code 4409).
  if (!ctx.registry.add(connection))
    return
  ctx.log('info', `ws open ${describe(connection)}`)
  connection.greet(encodeConnectedMessage({
    userId: session.user.id,
    connectionId: connection.id,
    message: 'WebSocket 连接成功',
    heartbeatIntervalSec: ctx.options.heartbeatIntervalSec,
  }))
}
