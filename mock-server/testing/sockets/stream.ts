// The SSE compatibility stream, behaving like the server's: an unknown token is refused, a `connected`
// event on open, and `endStreams` ends them with the server's `close` event.
import { sse } from 'msw'
import { CloseReason, Routes, streamCloseMessage } from '../../../src/protocol'
import { userOfToken } from '../db'
import { mswPath } from '../routes'
import { socketSettings } from './faults'
import { connectedFrame, sendEvent, type SseClient, type StreamEvents } from './frames'

const streamClients = new Set<{ username: string, client: SseClient }>()

export function resetStreams(): void {
  streamClients.clear()
}

/** The open streams of a user. */
export function streamsOf(username: string): SseClient[] {
  return [...streamClients].filter(stream => stream.username === username).map(stream => stream.client)
}

/**
 * The SSE handler. A factory, because msw's `sse` needs a global EventSource when it is built:
 * jsdom has none, so a test assigns the `eventsource` package to globalThis first, then
 * `server.use(streamHandler())`.
 */
export const streamHandler = () => sse<StreamEvents>(mswPath(Routes.stream), ({ request, client }) => {
  const user = userOfToken(new URL(request.url).searchParams.get('token'))
  if (!user) {
    client.error()
    return
  }
  const entry = { username: user.username, client }
  streamClients.add(entry)
  request.signal.addEventListener('abort', () => streamClients.delete(entry))
  sendEvent(client, connectedFrame({ user_id: user.username, heartbeat_interval: socketSettings.heartbeatInterval }))
})

/** Ends every stream as the server does: a `close` event with the code's meaning, then the end. */
export function endStreams(code: number, reason = CloseReason[code] ?? ''): void {
  for (const stream of [...streamClients]) {
    streamClients.delete(stream)
    sendEvent(stream.client, streamCloseMessage(code, reason))
    stream.client.close()
  }
}

/** Number of open SSE subscribers (for the fallback tests). */
export function streamSubscribers(): number {
  return streamClients.size
}
