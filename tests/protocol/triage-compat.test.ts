// Protocol v1.1 is additive (SPEC §3): a v1 client parses the new server's frames, and the new client
// parses a v1 server's notifications, taking them as neither done nor snoozed.
import { expect, test } from 'vitest'
import {
  encodeMessage,
  notificationMessage,
  notificationSchema,
  parseNotificationChannelMessage,
  type Notification,
} from '../../src/protocol'
import { v1NotificationFrameSchema as v1Frame } from '../server/support/protocol-v1'

const v1Fields = { id: '7', title: '价格提醒', content: '600519 涨幅超过 3%', type: 'alert', link: null, source: 'monitor', created_at: '2025-10-23T12:00:00.000Z', status: 'unread' } as const
const current: Notification = { ...v1Fields, archived: false, snoozed_until: '2025-10-24T09:00:00.000Z' }

test('a v1 client parses a notification frame of this server, new fields and all', () => {
  const parsed = v1Frame.safeParse(JSON.parse(encodeMessage(notificationMessage(current))))
  expect(parsed.success).toBe(true)
  expect(parsed.data?.data).toEqual(v1Fields)
})

test('a notification from a v1 server parses as neither done nor snoozed', () => {
  expect(parseNotificationChannelMessage(JSON.stringify({ type: 'notification', data: v1Fields })))
    .toEqual({ ok: true, value: { type: 'notification', data: { ...v1Fields, archived: false, snoozed_until: null } } })
  expect(notificationSchema.parse(v1Fields)).toEqual({ ...v1Fields, archived: false, snoozed_until: null })
})
