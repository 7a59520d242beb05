// Fixture factories: small objects with sensible defaults; a test names only what it cares about.
import {
  ResyncReason,
  connectedMessage,
  heartbeatMessage,
  notificationMessage,
  notificationReadMessage,
  resyncMessage,
  type Notification,
  type NotificationChannelMessage,
  type TaskInfo,
  type TaskProgress,
  type User,
} from '../../src/protocol'
import { progressAt } from '../../mock-server/tasks/simulator'

let sequence = 0
/** A fixed starting instant so created_at values are stable and strictly increasing. */
const EPOCH = Date.parse('2025-10-23T12:00:00Z')

/** Restarts id and timestamp numbering (called between tests by `useMswServer`). */
export function resetFixtureSequence(): void {
  sequence = 0
}

function nextSequence(): number {
  sequence += 1
  return sequence
}

/**
 * A notification; each call is newer than the previous one (later created_at). Its `n-…` id is only
 * for frames that are never stored: `seed` and `pushNotification` return it with the server's id.
 */
export function notification(overrides: Partial<Notification> = {}): Notification {
  const n = nextSequence()
  return {
    id: `n-${n}`,
    title: '分析完成',
    content: `${String(n).padStart(6, '0')} 分析已完成`,
    type: 'analysis',
    link: '/stocks/000001',
    source: 'analysis',
    created_at: new Date(EPOCH + n * 1000).toISOString(),
    status: 'unread',
    archived: false,
    snoozed_until: null,
    ...overrides,
  }
}

/** `count` notifications, oldest first (as they would have arrived). */
export function notifications(count: number, overrides: Partial<Notification> = {}): Notification[] {
  return Array.from({ length: count }, () => notification(overrides))
}

/** A user shaped as the server's seeded ones: the id is the name. */
export function user(overrides: Partial<User> = {}): User {
  const username = overrides.username ?? 'admin'
  return { id: username, username, role: username === 'admin' ? 'admin' : 'user', ...overrides }
}

export function taskInfo(overrides: Partial<TaskInfo> = {}): TaskInfo {
  const n = nextSequence()
  const steps = overrides.steps ?? ['获取数据', '技术分析', '基本面分析', '风险评估', '生成报告']
  const createdAt = new Date(EPOCH + n * 1000).toISOString()
  return {
    task_id: `t-${n}`,
    symbol: '000001',
    user: 'admin',
    status: 'running',
    message: '正在分析...',
    step: 0,
    total_steps: steps.length,
    progress: 0,
    steps,
    created_at: createdAt,
    updated_at: createdAt,
    ...overrides,
  }
}

/** The `progress` payload of a task at a given step. */
export function taskProgress(task: TaskInfo, step: number, message = task.steps[step - 1] ?? task.message): TaskProgress {
  return {
    task_id: task.task_id,
    message,
    step,
    total_steps: task.total_steps,
    progress: progressAt(step, task.total_steps),
    timestamp: new Date().toISOString(),
  }
}

// ---- frames on the notification socket (built by the protocol's builders, like the server's) ----

export function connectedFrame(overrides: { heartbeat_interval?: number, user_id?: string } = {}): NotificationChannelMessage {
  return connectedMessage({
    userId: overrides.user_id ?? 'admin',
    connectionId: `c-${nextSequence()}`,
    message: 'WebSocket 连接成功',
    heartbeatIntervalSec: overrides.heartbeat_interval ?? 30,
  })
}

export function heartbeatFrame(): NotificationChannelMessage {
  return heartbeatMessage()
}

export function notificationFrame(data: Notification = notification()): NotificationChannelMessage {
  return notificationMessage(data)
}

export function readFrame(ids: [string, ...string[]] | 'all'): NotificationChannelMessage {
  return notificationReadMessage(ids)
}

export function resyncFrame(): NotificationChannelMessage {
  return resyncMessage(ResyncReason.MissedPushes)
}
