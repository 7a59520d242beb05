import { describe, expect, test } from 'vitest'
import { ErrorCode, MessageType, parseClientMessage, parseNotificationChannelMessage, parseTaskChannelMessage } from '../../src/protocol'

const notification = (over: Record<string, unknown> = {}) => ({
  id: 'n1', title: '分析完成', content: '000001 分析已完成', type: 'analysis',
  link: '/stocks/000001', source: 'analysis', created_at: '2025-10-23T12:00:00', status: 'unread', ...over,
})

describe('protocol parsing', () => {
  test('accepts the document\'s notification example', () => {
    const result = parseNotificationChannelMessage(JSON.stringify({ type: MessageType.Notification, data: notification() }))
    expect(result.ok).toBe(true)
  })

  test('reports malformed JSON as invalid_json', () => {
    const result = parseClientMessage('{not json')
    expect(result).toMatchObject({ ok: false, code: ErrorCode.InvalidJson })
  })

  test('reports an unknown type as unknown_type', () => {
    const result = parseClientMessage(JSON.stringify({ type: 'subscribe_everything' }))
    expect(result).toMatchObject({ ok: false, code: ErrorCode.UnknownType })
  })

  test('rejects a notification with a type outside analysis|alert|system', () => {
    const result = parseNotificationChannelMessage({ type: MessageType.Notification, data: notification({ type: 'spam' }) })
    expect(result).toMatchObject({ ok: false, code: ErrorCode.InvalidMessage })
    if (!result.ok)
      expect(result.message).toContain('data.type')
  })

  test('accepts the document\'s progress example and rejects progress over 100', () => {
    const progress = { task_id: 't', message: '正在分析...', step: 1, total_steps: 5, progress: 20.0, timestamp: '2025-10-23T12:00:00' }
    expect(parseTaskChannelMessage({ type: MessageType.Progress, data: progress }).ok).toBe(true)
    expect(parseTaskChannelMessage({ type: MessageType.Progress, data: { ...progress, progress: 120 } }).ok).toBe(false)
  })
})
