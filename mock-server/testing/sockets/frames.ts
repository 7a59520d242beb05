// What the fake sockets and stream share: how a client's token is found and how a message is written,
// both as the server does them.
import type { WebSocketHandlerConnection } from 'msw'
import {
  connectedMessage,
  encodeMessage,
  socketTokenOf,
  type NotificationChannelMessage,
  type StreamCloseMessage,
  type TaskChannelMessage,
} from '../../../src/protocol'

// Named through msw, the peer a consumer installs: its own dependency @mswjs/interceptors is not one of theirs.
export type Client = WebSocketHandlerConnection['client']
/** What the SSE stream carries: the notification channel's messages and the `close` event. */
export type StreamMessage = NotificationChannelMessage | StreamCloseMessage
export type StreamEvents = Record<StreamMessage['type'], string>
export interface SseClient {
  send: (payload: { event: keyof StreamEvents, id?: string, data: string }) => void
  close: () => void
}

let connections = 0

/** The `connected` frame a socket or stream opens with, as the server words it. */
export function connectedFrame({ user_id, heartbeat_interval }: { user_id: string, heartbeat_interval: number }): NotificationChannelMessage {
  connections++
  return connectedMessage({ userId: user_id, connectionId: `c-${connections}`, message: 'WebSocket 连接成功', heartbeatIntervalSec: heartbeat_interval })
}

/** The socket's token, found as the server finds it. */
export function tokenOf(url: URL, protocols: string | string[] | undefined): string | null {
  return socketTokenOf(url.search, protocols === undefined ? [] : ([] as string[]).concat(protocols))
}

export function sendFrame(client: Client, frame: NotificationChannelMessage | TaskChannelMessage): void {
  client.send(encodeMessage(frame))
}

/** One SSE event in the server's shape: the message's type as the event name, its data as JSON. */
export function sendEvent(client: SseClient, message: StreamMessage, id?: string): void {
  client.send({ event: message.type, ...(id === undefined ? {} : { id }), data: JSON.stringify(message.data) })
}
