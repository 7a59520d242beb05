// Fixture factories: a valid request body, changed only where a test cares.
import type { CreateNotificationRequest, CreateTaskRequest } from '../../../src/protocol'

let counter = 0

export function notificationInput(overrides: Partial<CreateNotificationRequest> = {}): CreateNotificationRequest {
  counter++
  return { title: `通知 ${counter}`, content: `内容 ${counter}`, type: 'system', ...overrides }
}

export function taskInput(overrides: Partial<CreateTaskRequest> = {}): CreateTaskRequest {
  return { symbol: '000001', step_ms: 40, ...overrides }
}
