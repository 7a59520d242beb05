// URL builders for the sockets and the SSE stream (the document's rule: host from
// VITE_API_BASE_URL, else the page's host; ws/wss follows the page's protocol).

export interface UrlContext {
  /** `VITE_API_BASE_URL`, e.g. `http://localhost:8000`; '' means the page's own origin. */
  baseUrl?: string
  /** The page's location (protocol and host). */
  location?: Pick<Location, 'protocol' | 'host'>
}

function pageLocation(context: UrlContext): Pick<Location, 'protocol' | 'host'> {
  return context.location ?? globalThis.location ?? { protocol: 'http:', host: 'localhost' }
}

/**
 * `ws://host/path` for a socket path. An https base or page gives `wss:` (a secure page may not
 * open a plain socket); a base URL's host and path prefix are kept.
 */
export function socketUrl(path: string, context: UrlContext = {}): string {
  const page = pageLocation(context)
  const base = (context.baseUrl ?? '').replace(/\/$/, '')
  const secure = page.protocol === 'https:' || base.startsWith('https:')
  const host = base ? base.replace(/^(https?|wss?):\/\//, '') : page.host
  return `${secure ? 'wss:' : 'ws:'}//${host}${path}`
}

/** `http(s)://host/path` for an HTTP path (the SSE stream). */
export function httpUrl(path: string, context: UrlContext = {}): string {
  const base = (context.baseUrl ?? '').replace(/\/$/, '')
  if (base)
    return `${base}${path}`
  const page = pageLocation(context)
  return `${page.protocol}//${page.host}${path}`
}

/** Appends `token` as a query parameter. */
export function withToken(url: string, token: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
}
