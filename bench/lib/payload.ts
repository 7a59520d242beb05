// The one notification every server under test pushes, carrying the publisher's clock stamp inside its
// content so a receiver needs no side channel: `BENCH#<monotonic ns>#`.
import type { CreateNotificationRequest, Notification } from '../../src/protocol'

const MARKER = 'BENCH#'
const MARKER_BYTES = Buffer.from(MARKER)
const HASH = 0x23

/** The body of POST /api/notifications (and of the peers' /publish): a broadcast like the document's. */
export function broadcastBody(stamp: string): CreateNotificationRequest {
  return {
    user: '*',
    title: '分析完成',
    content: `${MARKER}${stamp}# 000001 分析已完成`,
    type: 'analysis',
    link: '/stocks/000001',
    source: 'analysis',
  }
}

/** What the peers send: the same fields our server stores and pushes (SPEC §1.1 `notification`). */
export function notificationFrom(body: CreateNotificationRequest, id: number): Notification {
  return {
    id: String(id),
    title: body.title,
    content: body.content,
    type: body.type,
    link: body.link ?? null,
    source: body.source ?? null,
    created_at: new Date().toISOString(),
    status: 'unread',
    archived: false,
    snoozed_until: null,
  }
}

/** The stamp inside a received frame (raw bytes or text), or null for frames that carry none. */
export function stampIn(frame: Buffer | string): string | null {
  if (typeof frame === 'string') {
    const start = frame.indexOf(MARKER)
    if (start < 0)
      return null
    const end = frame.indexOf('#', start + MARKER.length)
    return end < 0 ? null : frame.slice(start + MARKER.length, end)
  }
  const start = frame.indexOf(MARKER_BYTES)
  if (start < 0)
    return null
  const end = frame.indexOf(HASH, start + MARKER_BYTES.length)
  return end < 0 ? null : frame.toString('latin1', start + MARKER_BYTES.length, end)
}
