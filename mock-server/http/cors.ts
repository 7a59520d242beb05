// CORS for origins on the allow-list (the Vite dev server calling the API directly, say). Same-host
// requests need none; other origins get no CORS headers, so browsers keep them out.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isCrossOriginAllowed } from '../ws/origin'

/** Adds CORS headers when due; returns true when the request was a preflight and has been answered. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin
  if (!isCrossOriginAllowed(origin, allowedOrigins))
    return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  // The app's retry of a refused resync waits as long as a 429/503 asks.
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After')
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method'])
    return false
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID',
    'Access-Control-Max-Age': '600',
  })
  res.end()
  return true
}
