// What processes say to each other over Redis. One text message per push: a kind letter, the sending
// process, one argument, then the body (for pushes, the WebSocket frame exactly as local sockets get it),
// separated by newlines — the header is read without parsing JSON, so a process drops its own echo cheaply.
import { MessageType, type ServerMessage } from '../../src/protocol'
import { OutboundEvent } from '../hub'

export const WireKind = {
  /** A user's push; argument: the notification id (SSE `id:`) or empty. */
  UserEvent: 'n',
  /** A task's new state; argument: 1 when the task has finished. */
  TaskEvent: 't',
  /** Close a notification socket with 4409; argument: its connection id. */
  Evict: 'e',
  /** Close the connections of sign-in sessions; argument: their sids, comma-separated; body: `<code> <reason>`. */
  CloseSessions: 'c',
  /**
   * Pushes on this channel may not have reached you (the sender could not publish them): tell your
   * clients of it to resync — on the broadcast channel, all of them. No argument.
   */
  Resync: 'r',
  /** A snooze ends at this time (argument: ms since the epoch): every process's wake timer looks then. */
  Wake: 'w',
} as const
export type WireKindName = (typeof WireKind)[keyof typeof WireKind]

export interface WireMessage {
  kind: WireKindName
  origin: string
  argument: string
  body: string
}

const KINDS = new Set<string>(Object.values(WireKind))
const MESSAGE_TYPES = new Set<string>(Object.values(MessageType))

export function encodeWire(kind: WireKindName, origin: string, argument: string, body = ''): string {
  return `${kind}\n${origin}\n${argument}\n${body}`
}

/** The header fields and body of a message, or null when it is not one of ours. */
export function decodeWire(text: string): WireMessage | null {
  const first = text.indexOf('\n')
  const second = text.indexOf('\n', first + 1)
  const third = text.indexOf('\n', second + 1)
  if (first < 0 || second < 0 || third < 0)
    return null
  const kind = text.slice(0, first)
  if (!KINDS.has(kind))
    return null
  return { kind: kind as WireKindName, origin: text.slice(first + 1, second), argument: text.slice(second + 1, third), body: text.slice(third + 1) }
}

/** The event carried by a push's body (its WebSocket frame), or null when the frame is not a protocol message. */
export function eventOf(frame: string, id: string | null): OutboundEvent | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(frame)
  }
  catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null)
    return null
  const { type } = parsed as { type?: unknown }
  if (typeof type !== 'string' || !MESSAGE_TYPES.has(type))
    return null
  // Another process built this frame with the protocol's builders and serialised it; it is relayed as
  // is, not parsed again (the hot path of a cluster push).
  return new OutboundEvent(parsed as ServerMessage, id, frame)
}
