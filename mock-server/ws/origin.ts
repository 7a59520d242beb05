// Which browser origins may open sockets (and call the API cross-origin): the server's own host, and
// the allow-list (the Vite dev server by default). Requests without Origin are not from a browser page.

/** True when a request with this Origin and Host header may proceed. */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined)
    return true
  if (allowed.includes('*') || allowed.includes(origin))
    return true
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase()
  }
  catch {
    return false
  }
}

/** True when the Origin is a different host that the allow-list names (so CORS headers are due). */
export function isCrossOriginAllowed(origin: string | undefined, allowed: readonly string[]): origin is string {
  return origin !== undefined && (allowed.includes('*') || allowed.includes(origin))
}
