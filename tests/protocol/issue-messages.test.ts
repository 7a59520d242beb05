// The app reads frames with hand checks (src/protocol/checks), not zod, so this file imports the parser
// alone: its messages must still name the field and the rule, in zod's words, not a bare "Invalid input".
import { describe, expect, test } from 'vitest'
import { MessageType } from '../../src/protocol/constants'
import { parseTaskChannelMessage } from '../../src/protocol/parse'

const progress = (over: Record<string, unknown> = {}) => ({
  task_id: 't1', message: '正在分析...', step: 1, total_steps: 5, progress: 20, timestamp: '2025-10-23T12:00:00', ...over,
})

describe('validation messages without classic zod loaded', () => {
  test('names the field and the broken rule of an invalid progress frame', () => {
    const result = parseTaskChannelMessage({ type: MessageType.Progress, data: progress({ progress: 120 }) })
    expect(result).toMatchObject({ ok: false, message: 'data.progress: Too big: expected number to be <=100' })
  })

  test('names the first broken field when several are wrong', () => {
    const result = parseTaskChannelMessage({ type: MessageType.Progress, data: progress({ step: 1.5, progress: 120 }) })
    expect(result).toMatchObject({ ok: false, message: 'data.step: Invalid input: expected int, received number' })
  })

  test('says which type a field expected', () => {
    const result = parseTaskChannelMessage({ type: MessageType.Progress, data: progress({ task_id: 7 }) })
    expect(result).toMatchObject({ ok: false, message: 'data.task_id: Invalid input: expected string, received number' })
  })
})
