import type { IncomingMessage } from 'node:http'

/**
 * The client's address, for per-address limits. Behind a reverse proxy every request comes from the
 * proxy, so with `trustProxy` it is the proxy's `X-Real-IP` (deploy/nginx.conf sets it, replacing
 * whatever the client sent); believe it only when clients cannot reach the server around the proxy.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-real-ip']
    const forwarded = (Array.isArray(header) ? header[0] : header)?.trim()
    if (forwarded)
      return forwarded
  }
  return req.socket.remoteAddress ?? 'unknown'
}

/** The peer's address and port, for log lines. */
export function remoteOf(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`
}
