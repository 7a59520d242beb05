// The two ways frames reach us. Each wraps one underlying object and reports through three
// callbacks; the connection decides what an event means. A transport reports at most one close.
import { BEARER_SUBPROTOCOL_PREFIX, CloseCode, MessageType, parseStreamClose, SUBPROTOCOL } from '@/protocol'
import type { TransportKind } from './types'
import { withToken } from './url'

export interface TransportCallbacks {
  onOpen: () => void
  /** A raw text frame, or an already-decoded object (SSE events are re-wrapped as `{type,data}`). */
  onFrame: (raw: unknown) => void
  onClose: (code: number, reason: string) => void
}

export interface Transport {
  readonly kind: TransportKind
  readonly socket: WebSocket | null
  send(text: string): boolean
  /** Closes and detaches: no callback fires afterwards. */
  close(code?: number, reason?: string): void
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket

export function openWebSocket(
  url: string,
  token: string,
  auth: 'query' | 'subprotocol',
  WebSocketImpl: WebSocketConstructor,
  callbacks: TransportCallbacks,
): Transport {
  let closed = false
  const socket = auth === 'subprotocol'
    ? new WebSocketImpl(url, [SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${token}`])
    : new WebSocketImpl(withToken(url, token))
  socket.onopen = () => {
    if (!closed)
      callbacks.onOpen()
  }
  socket.onmessage = (event) => {
    if (!closed)
      callbacks.onFrame(event.data)
  }
  socket.onclose = (event) => {
    if (closed)
      return
    closed = true
    // No close frame (network loss, refused upgrade) reports as 1006.
    callbacks.onClose(event.code || CloseCode.Abnormal, event.reason)
  }
  // An error is always followed by close; the close carries the outcome.
  socket.onerror = () => {}
  return {
    kind: 'websocket',
    socket,
    send(text) {
      if (closed || socket.readyState !== 1)
        return false
      socket.send(text)
      return true
    },
    close(code: number = CloseCode.Normal, reason = '') {
      if (closed)
        return
      closed = true
      socket.onopen = socket.onmessage = socket.onclose = null
      try {
        socket.close(code, reason)
      }
      catch {
        socket.close()
      }
    },
  }
}

/** The constructor shape shared by browsers' EventSource and the `eventsource` package. */
export type EventSourceConstructor = new (url: string) => EventSource

/** SSE event names carrying the notification channel's messages (`error` is EventSource's own). */
const streamEvents = [MessageType.Connected, MessageType.Heartbeat, MessageType.Notification, MessageType.NotificationRead, MessageType.Resync]

/** Turns an SSE event into the `{type,data}` shape the socket would have sent. */
function asFrame(type: string, data: string): unknown {
  let decoded: unknown
  try {
    decoded = JSON.parse(data)
  }
  catch {
    return data // the validator reports it as invalid JSON
  }
  return { type, data: decoded }
}

export function openEventStream(url: string, token: string, EventSourceImpl: EventSourceConstructor, callbacks: TransportCallbacks): Transport {
  let closed = false
  const source = new EventSourceImpl(withToken(url, token))
  const finish = (code: number, reason: string) => {
    if (closed)
      return
    closed = true
    source.close()
    callbacks.onClose(code, reason)
  }
  source.onopen = () => {
    if (!closed)
      callbacks.onOpen()
  }
  for (const type of streamEvents) {
    source.addEventListener(type, (event) => {
      if (!closed)
        callbacks.onFrame(asFrame(type, String((event as MessageEvent).data)))
    })
  }
  // The server says why it ends the stream (4409: replaced), so it is handled like a WebSocket close.
  source.addEventListener(MessageType.Close, (event) => {
    const close = parseStreamClose(String((event as MessageEvent).data))
    if (close)
      finish(close.code, close.reason)
  })
  // EventSource would retry on its own; the connection's backoff and REST resync own that job.
  source.onerror = () => finish(CloseCode.Abnormal, 'event stream failed')
  return {
    kind: 'sse',
    socket: null,
    send: () => false,
    close() {
      if (closed)
        return
      closed = true
      source.close()
    },
  }
}
