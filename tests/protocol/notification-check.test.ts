// The hand-written fast path of `notification` frames (src/protocol/notificationCheck.ts) against the
// schema it stands in for: it takes only what zod takes, outputs what zod outputs, and every frame
// it passes on is still refused by the parser (the frame's full check, src/protocol/checks), with a description.
import { describe, expect, test } from 'vitest'
import { ErrorCode, MessageType, notificationSchema, parseNotificationChannelMessage } from '../../src/protocol'
import { checkNotification } from '../../src/protocol/notificationCheck'

const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: '42', title: '分析完成', content: '000001 分析已完成', type: 'analysis', link: '/stocks/000001',
  source: 'analysis', created_at: '2025-10-23T12:00:00Z', status: 'unread', archived: false, snoozed_until: null, ...over,
})
const without = (...keys: string[]) => Object.fromEntries(Object.entries(valid()).filter(([key]) => !keys.includes(key)))

const accepted: Array<[string, unknown]> = [
  ['the server\'s frame', valid()],
  ['a v1 frame without archived and snoozed_until (defaults)', without('archived', 'snoozed_until')],
  ['no link and no source', without('link', 'source')],
  ['a null link and source', valid({ link: null, source: null })],
  ['a done, snoozed, read one', valid({ archived: true, snoozed_until: '2025-10-24T09:00:00Z', status: 'read' })],
  ['text keys with params', valid({ title_key: 'notification.analysis_completed.title', content_key: 'x', params: { code: '000001', n: 3 } })],
  ['empty params', valid({ params: {} })],
  ['unknown fields (stripped)', valid({ extra: 1, priority: 'high' })],
  ['every type', valid({ type: 'system' })],
]

const refused: Array<[string, unknown]> = [
  ['an empty id', valid({ id: '' })],
  ['a numeric id', valid({ id: 42 })],
  ['a numeric title', valid({ title: 5 })],
  ['no content', without('content')],
  ['a type outside analysis|alert|system', valid({ type: 'spam' })],
  ['a numeric link', valid({ link: 7 })],
  ['an object source', valid({ source: {} })],
  ['no created_at', without('created_at')],
  ['an empty created_at', valid({ created_at: '' })],
  ['a status outside unread|read', valid({ status: 'seen' })],
  ['archived as a string', valid({ archived: 'false' })],
  ['archived as null', valid({ archived: null })],
  ['an empty snoozed_until', valid({ snoozed_until: '' })],
  ['a numeric snoozed_until', valid({ snoozed_until: 0 })],
  ['a numeric title_key', valid({ title_key: 1 })],
  ['params as an array', valid({ params: ['a'] })],
  ['params with a boolean', valid({ params: { ok: true } })],
  ['params with null', valid({ params: { code: null } })],
  ['params with Infinity (a structured clone can carry it)', valid({ params: { n: Infinity } })],
  ['an array for data', [valid()]],
  ['null for data', null],
  ['a string for data', 'notification'],
]

describe('the notification fast path', () => {
  test.each(accepted)('takes %s, with exactly the schema\'s output', (_name, data) => {
    const fast = checkNotification(data)
    const viaZod = notificationSchema.safeParse(data)
    expect(viaZod.success).toBe(true)
    expect(fast).toStrictEqual(viaZod.data)
    expect(Object.keys(fast!)).toEqual(Object.keys(viaZod.data!))
  })

  test.each(refused)('leaves %s to the full check, as zod refuses it', (_name, data) => {
    expect(checkNotification(data)).toBeNull()
    expect(notificationSchema.safeParse(data).success).toBe(false)
  })

  test.each(refused)('a frame with %s is still refused, naming what is wrong', (_name, data) => {
    const result = parseNotificationChannelMessage(JSON.stringify({ type: MessageType.Notification, data }))
    expect(result).toMatchObject({ ok: false, code: ErrorCode.InvalidMessage })
    if (!result.ok)
      expect(result.message).toMatch(/^data/)
  })

  test('a frame parsed through the fast path is the frame zod would give, unknown outer keys dropped', () => {
    const frame = { type: MessageType.Notification, data: valid({ extra: 1 }), sent_by: 'relay' }
    const result = parseNotificationChannelMessage(JSON.stringify(frame))
    expect(result).toStrictEqual({ ok: true, value: { type: MessageType.Notification, data: notificationSchema.parse(frame.data) } })
  })
})
