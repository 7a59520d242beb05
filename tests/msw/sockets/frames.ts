// What the fake sockets and stream share: how a client's token is found and how a message is written,
// both as the server does them.
import type { WebSocketClientConnectionProtocol } from '@mswjs/interceptors/WebSocket'
import {
  encodeMessage,
  socketTokenOf,
  type NotificationChannelMessage,
  type StreamCloseMessage,
  type TaskChannelMessage,
} from '../../../src/protocol'

export type Client = WebSocketClientConnectionProtocol
/** What the SSE stream carries: the notification channel's messages and the `close` event. */
export type StreamMessage = NotificationChannelMessage | StreamCloseMessage
export type StreamEvents = Record<StreamMessage['type'], string>
export interface SseClient {
  send: (payload: { event: keyof StreamEvents, id?: string, data: string }) => void
  close: () => void
}

/** The socket's token, found as the server finds it. */
export function tokenOf(url: URL, protocols: string | string[] | undefined): string | null {
  return socketTokenOf(url, protocols === undefined ? [] : ([] as string[]).concat(protocols))
}

export function sendFrame(client: Client, frame: NotificationChannelMessage | TaskChannelMessage): void {
  client.send(encodeMessage(frame))
}

/** One SSE event in the server's shape: the message's type as the event name, its data as JSON. */
export function sendEvent(client: SseClient, message: StreamMessage, id?: string): void {
  client.send({ event: message.type, ...(id === undefined ? {} : { id }), data: JSON.stringify(message.data) })
}
