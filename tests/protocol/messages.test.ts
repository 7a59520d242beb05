// The send side of the contract: whatever a builder makes, the client's own parser accepts.
import { describe, expect, test } from 'vitest'
import {
  CloseCode,
  CloseReason,
  ErrorCode,
  MessageType,
  ResyncReason,
  connectedMessage,
  encodeConnectedMessage,
  encodeMessage,
  encodeSyncedMessage,
  errorMessage,
  heartbeatMessage,
  notificationMessage,
  notificationReadMessage,
  parseNotificationChannelMessage,
  parseStreamClose,
  parseTaskChannelMessage,
  pongMessage,
  resyncMessage,
  streamCloseMessage,
  syncedMessage,
  notificationDeletedMessage,
  notificationUpdatedMessage,
  preferencesUpdatedMessage,
  defaultPreferences,
  UpdateReason,
  taskStateMessage,
  type Notification,
  type TaskInfo,
} from '../../src/protocol'

const notification: Notification = {
  id: '42', title: '分析完成', content: '000001 分析已完成', type: 'analysis',
  link: '/stocks/000001', source: null, created_at: '2025-10-23T12:00:00.000Z', status: 'unread',
  archived: false, snoozed_until: null,
}

const task = (over: Partial<TaskInfo> = {}): TaskInfo => ({
  task_id: 't1', symbol: '000001', user: 'admin', status: 'running', message: '技术分析', step: 2, total_steps: 5,
  progress: 40, steps: ['a', 'b', 'c', 'd', 'e'], created_at: '2025-10-23T12:00:00.000Z', updated_at: '2025-10-23T12:00:02.000Z', ...over,
})

describe('every frame the server builds is one the client accepts', () => {
  const notificationChannel = {
    'connected': connectedMessage({ userId: 'admin', connectionId: 'c1', message: 'WebSocket 连接成功', heartbeatIntervalSec: 30 }),
    'heartbeat': heartbeatMessage(),
    'notification': notificationMessage(notification),
    'notification_read of ids': notificationReadMessage(['1', '2']),
    'notification_read of all': notificationReadMessage('all'),
    'pong': pongMessage(),
    'error': errorMessage(ErrorCode.InvalidMessage, 'binary frames are not supported; send JSON text'),
    'resync': resyncMessage(ResyncReason.MissedPushes),
    'notification_updated': notificationUpdatedMessage([{ ...notification, snoozed_until: '2025-10-24T09:00:00.000Z' }], UpdateReason.Snooze),
    'notification_updated of an ended snooze': notificationUpdatedMessage([notification], UpdateReason.SnoozeEnded),
    'notification_deleted': notificationDeletedMessage(['1', '2']),
    'preferences_updated': preferencesUpdatedMessage(defaultPreferences()),
    'synced': syncedMessage({ request_id: 'r1', items: [notification], total: 1, unread_count: 1 }),
    'error answering a sync': errorMessage(ErrorCode.Unavailable, 'the server could not read the inbox: resync by REST', 'r1'),
    'busy answering a sync': errorMessage(ErrorCode.Busy, 'server busy: sync again later', 'r1', 2),
  }
  test.each(Object.entries(notificationChannel))('the notification socket\'s %s frame parses as it was built', (_name, message) => {
    expect(parseNotificationChannelMessage(encodeMessage(message))).toEqual({ ok: true, value: message })
  })

  const taskChannel = {
    'progress': taskStateMessage(task()),
    'completed': taskStateMessage(task({ status: 'completed', step: 5, progress: 100, result: { recommendation: 'hold' } })),
    'error': taskStateMessage(task({ status: 'error', error: '数据源不可用' })),
    'heartbeat': heartbeatMessage(),
  }
  test.each(Object.entries(taskChannel))('the task socket\'s %s frame parses as it was built', (_name, message) => {
    expect(parseTaskChannelMessage(encodeMessage(message))).toEqual({ ok: true, value: message })
  })

  test('the SSE close event\'s data parses as the code and reason it carries', () => {
    const message = streamCloseMessage(CloseCode.Replaced, CloseReason[CloseCode.Replaced]!)
    expect(parseStreamClose(JSON.stringify(message.data))).toEqual({ code: CloseCode.Replaced, reason: 'replaced' })
  })

  test('a message that is not built from the protocol does not typecheck', () => {
    // @ts-expect-error: the send side takes protocol messages only, not any {type, data}
    expect(encodeMessage({ type: 'anything', data: 1 })).toBe('{"type":"anything","data":1}')
    // @ts-expect-error: a connected frame without its heartbeat interval
    expect(encodeMessage({ type: 'connected', data: { user_id: 'admin' } })).toContain('connected')
  })
})

describe('the connected frame written from its template', () => {
  // A host application's `authenticate` hook names its users, so an id may hold anything JSON escapes.
  const userIds = ['admin', 'user1', 'say "hi"', 'back\\slash', 'line\nbreak\u0001', '用户', 'emoji 🔔', '\u2028sep']
  test.each(userIds)('is exactly what encoding the built connected message gives, for user %j', (userId) => {
    const fields = { userId, connectionId: 'c-1', message: 'WebSocket 连接成功', heartbeatIntervalSec: 30 }
    const timestamp = '2025-10-23T12:00:00.000Z'
    expect(encodeConnectedMessage(fields, timestamp)).toBe(encodeMessage(connectedMessage(fields, timestamp)))
  })

  test('parses with the client\'s own parser into the user, connection and heartbeat interval it was given', () => {
    const parsed = parseNotificationChannelMessage(encodeConnectedMessage({ userId: 'user2', connectionId: 'c-9', message: 'hello', heartbeatIntervalSec: 45 }))
    expect(parsed).toMatchObject({ ok: true, value: { type: MessageType.Connected, data: { user_id: 'user2', connection_id: 'c-9', message: 'hello', heartbeat_interval: 45 } } })
  })
})

describe('the synced frame written around the items\' kept JSON', () => {
  const timestamp = '2025-10-23T12:00:00.000Z'
  const item = (id: string, title: string): Notification => ({ ...notification, id, title })
  const frozenList = (items: Notification[]) => Object.freeze(items.map(one => Object.freeze(one)))

  test.each([
    ['plain ids', 'r-1', [item('1', 'a'), item('2', 'b')]],
    ['an id and titles JSON escapes', 'say "hi"\n\u2028', [item('3', 'line\nbreak "quoted" \\ 🔔'), item('4', '用户')]],
    ['no items', 'r-2', []],
  ])('is exactly what encoding the built synced message gives: %s', (_, requestId, items) => {
    const data = { request_id: requestId, items, total: 7, unread_count: 3 }
    const expected = encodeMessage(syncedMessage(data, timestamp))
    expect(encodeSyncedMessage(data, timestamp)).toBe(expected)
    const frozen = { ...data, items: frozenList(items) as Notification[] }
    expect(encodeSyncedMessage(frozen, timestamp)).toBe(expected)
    expect(encodeSyncedMessage(frozen, timestamp)).toBe(expected) // the second time from the kept JSON
  })

  test('a list that can still change is written as it is now, not as it was the first time', () => {
    const items = [item('5', 'before')]
    const data = { request_id: 'r-3', items, total: 1, unread_count: 1 }
    encodeSyncedMessage(data, timestamp)
    items[0] = item('5', 'after')
    items.push(item('6', 'new'))
    expect(encodeSyncedMessage(data, timestamp)).toBe(encodeMessage(syncedMessage(data, timestamp)))
    expect(encodeSyncedMessage(data, timestamp)).toContain('"after"')
  })

  test('each request is answered with its own id, count and time around one list', () => {
    const items = frozenList([item('7', 'shared')]) as Notification[]
    const first = parseNotificationChannelMessage(encodeSyncedMessage({ request_id: 'a', items, total: 1, unread_count: 1 }, timestamp))
    const second = parseNotificationChannelMessage(encodeSyncedMessage({ request_id: 'b', items, total: 9, unread_count: 0 }, '2025-10-24T00:00:00.000Z'))
    expect(first).toMatchObject({ ok: true, value: { data: { request_id: 'a', total: 1, unread_count: 1, timestamp, items: [{ id: '7', title: 'shared' }] } } })
    expect(second).toMatchObject({ ok: true, value: { data: { request_id: 'b', total: 9, unread_count: 0, timestamp: '2025-10-24T00:00:00.000Z', items: [{ id: '7' }] } } })
  })
})
