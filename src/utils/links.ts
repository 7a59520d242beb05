// Where a notification's `link` may take the user: an in-app path or an http(s) page, nothing else
// (no javascript:, data:, or protocol-relative //host tricks).

export type LinkTarget =
  | { kind: 'internal', path: string }
  | { kind: 'external', href: string }
  | { kind: 'none' }

export function classifyLink(link: string | null | undefined): LinkTarget {
  if (typeof link !== 'string')
    return { kind: 'none' }
  const trimmed = link.trim()
  // A single leading slash is an app path; '//' or '/\' would leave the site.
  if (/^\/(?![/\\])/.test(trimmed) && !/[\u0000-\u001F]/.test(trimmed))
    return { kind: 'internal', path: trimmed }
  try {
    const url = new URL(trimmed)
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname)
      return { kind: 'external', href: url.href }
  }
  catch {
    // not a URL at all
  }
  return { kind: 'none' }
}
