import type { IncomingMessage } from 'node:http'

/** The peer's address and port, for log lines. */
export function remoteOf(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`
}
