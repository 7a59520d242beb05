// The notification socket, behaving like the protocol server's: 4401 for a bad token, a `connected`
// frame on open, pong for ping, `synced` for sync (the server's own reply, ./sync.ts), an `error` frame
// for text that is not JSON; the faults in ./faults.
import { ws, type WebSocketHandler } from 'msw'
import {
  CloseCode,
  CloseReason,
  ErrorCode,
  MessageType,
  Routes,
  errorMessage,
  parseClientMessage,
  pongMessage,
  syncedMessage,
} from '../../../src/protocol'
import type { NotificationStore } from '../../storage/notifications'
import { promised } from '../../storage/storage'
import { SYNC_BUSY_MESSAGE, SYNC_UNAVAILABLE_MESSAGE, syncReply } from '../../ws/sync'
import { db, userOfToken } from '../db'
import { mswPath } from '../routes'
import { socketLog, socketSettings } from './faults'
import { connectedFrame, sendFrame, tokenOf, type Client } from './frames'

export const notificationSocket = ws.link(mswPath(Routes.notificationsSocket))

/** Open notification sockets (msw's `link.clients` also keeps closed ones). */
const openClients = new Map<Client, { username: string, token: string }>()

export function resetNotificationSockets(): void {
  openClients.clear()
}

/** Open notification sockets of a user (every user when omitted). */
export function socketsOf(username?: string): Client[] {
  return [...openClients].filter(([, owner]) => !username || owner.username === username).map(([client]) => client)
}

/** Closes the sockets opened with a token with 4401 (logout, expiry); returns how many. */
export function closeSocketsOfToken(token: string): number {
  let closed = 0
  for (const [client, owner] of [...openClients]) {
    if (owner.token === token) {
      client.close(CloseCode.Unauthorized, CloseReason[CloseCode.Unauthorized])
      closed++
    }
  }
  return closed
}

export const notificationSocketHandler: WebSocketHandler = notificationSocket.addEventListener('connection', ({ client, info }) => {
  const protocols = info.protocols === undefined ? [] : ([] as string[]).concat(info.protocols)
  socketLog.push({ url: client.url.href, protocols })
  if (socketSettings.down) {
    client.close(CloseCode.Abnormal, 'unreachable')
    return
  }
  if (socketSettings.silent)
    return
  const token = tokenOf(client.url, info.protocols)
  const user = userOfToken(token)
  if (!user || !token) {
    client.close(CloseCode.Unauthorized, CloseReason[CloseCode.Unauthorized])
    return
  }
  if (socketSettings.refuseAsTooMany > 0) {
    socketSettings.refuseAsTooMany--
    client.close(CloseCode.TooManyRequests, CloseReason[CloseCode.TooManyRequests])
    return
  }
  openClients.set(client, { username: user.username, token })
  client.addEventListener('close', () => openClients.delete(client))
  sendFrame(client, connectedFrame({ user_id: user.username, heartbeat_interval: socketSettings.heartbeatInterval }))
  client.addEventListener('message', (event) => {
    try {
      const type = JSON.parse(String(event.data))?.type
      if (type === MessageType.Ping)
        sendFrame(client, pongMessage())
      else if (type === MessageType.Sync)
        void answerSync(client, user.id, String(event.data))
    }
    catch {
      sendFrame(client, errorMessage(ErrorCode.InvalidJson, 'message is not valid JSON'))
    }
  })
})

/** A `sync` answered from this test's database by the server's own `syncReply`, or the fault set. */
async function answerSync(client: Client, userId: string, text: string): Promise<void> {
  const parsed = parseClientMessage(text)
  if (!parsed.ok) {
    sendFrame(client, errorMessage(parsed.code, parsed.message, parsed.requestId))
    return
  }
  if (parsed.value.type !== MessageType.Sync || socketSettings.sync === 'silent')
    return
  const request = parsed.value.data
  if (socketSettings.sync === 'error' || socketSettings.sync === 'busy') {
    sendFrame(client, socketSettings.sync === 'busy'
      ? errorMessage(ErrorCode.Busy, SYNC_BUSY_MESSAGE, request.request_id, 1)
      : errorMessage(ErrorCode.Unavailable, SYNC_UNAVAILABLE_MESSAGE, request.request_id))
    return
  }
  const reply = await syncReply(promised<NotificationStore>(db.notifications), userId, request)
  if (openClients.has(client))
    sendFrame(client, syncedMessage(reply))
}
