// Where a notification's `link` may take the user: an in-app path or an http(s) page, nothing else
// (no javascript:, data:, or protocol-relative //host tricks). The server refuses any other link when a
// notification is created, and the app checks again before following one, with this same function.

export type LinkTarget =
  | {
    /** An in-app path: open it with the app's router. */
    kind: 'internal'
    /** The path, as given. */
    path: string
  }
  | {
    /** An http(s) URL: open it in a new tab. */
    kind: 'external'
    /** The URL. */
    href: string
  }
  | {
    /** Nothing to follow (absent, or refused by the policy). */
    kind: 'none'
  }

/** What `POST /api/notifications` answers (422) for a link this policy refuses. */
export const LINK_POLICY_MESSAGE = 'must be an in-app path such as /stocks/000001 or an http(s) URL, with no control characters'

// Browsers drop tabs and newlines inside URLs and strip other C0 controls at the ends, so `/\t/evil.com`
// would reach the address bar as `//evil.com`: refuse them anywhere rather than guess what a browser does.
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/

export function classifyLink(link: string | null | undefined): LinkTarget {
  if (typeof link !== 'string' || CONTROL_CHARACTER.test(link))
    return { kind: 'none' }
  const trimmed = link.trim()
  // A single leading slash is an app path; '//' or '/\' would leave the site.
  if (/^\/(?![/\\])/.test(trimmed))
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
