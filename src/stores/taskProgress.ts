// Pure rules for a task's progress: how a frame or a REST snapshot moves it (never backwards),
// and how elapsed and remaining time are derived. The store only wires these to sockets and Vue.
import { isTaskFinished, MessageType, type TaskChannelMessage, type TaskInfo, type TaskStatus, type TextParams } from '@/protocol'

export interface TaskState {
  /** The task's id. */
  task_id: string
  /** What the task is about (the demo's stock symbol, or the name the application gave it). */
  symbol: string
  /** `pending`, `running`, `completed` or `error`. */
  status: TaskStatus
  /** The current step, from 1 (0 before the first). */
  step: number
  /** How many steps it has. */
  total_steps: number
  /** 0–100 */
  progress: number
  /** What it is doing, in the server's language (`messageKey` to translate it). */
  message: string
  /** Why it failed, once failed. */
  error?: string
  /** Stable keys of the message and the error, and their params (src/protocol/textKeys.ts), when the server sent them. */
  messageKey?: string
  /** Stable key of the error. */
  errorKey?: string
  /** Values the keys take. */
  params?: TextParams
  /** What it produced, once completed. */
  result?: Record<string, unknown>
  /** ms since the epoch */
  startedAt: number
  /** When it last changed (ms since the epoch). */
  updatedAt: number
}

export interface TaskView extends TaskState {
  /** Time since it started (ms). */
  elapsedMs: number
  /** Estimated from the pace so far; null before any progress or once it failed. */
  remainingMs: number | null
}

function time(iso: string | undefined, fallback: number): number {
  const parsed = iso ? Date.parse(iso) : Number.NaN
  return Number.isFinite(parsed) ? parsed : fallback
}

/** State from the REST view of a task (a late join starts here). */
function fromTaskInfo(info: TaskInfo, now = Date.now()): TaskState {
  return {
    task_id: info.task_id,
    symbol: info.symbol,
    status: info.status,
    step: info.step,
    total_steps: info.total_steps,
    progress: info.progress,
    message: info.message,
    error: info.error,
    messageKey: info.message_key,
    errorKey: info.error_key,
    params: info.params,
    result: info.result,
    startedAt: time(info.created_at, now),
    updatedAt: time(info.updated_at, now),
  }
}

/** Whether `next` is at least as far along as `current` (reconnects replay older snapshots). */
function notBehind(current: TaskState, next: { step: number, progress: number }): boolean {
  return next.step > current.step || (next.step === current.step && next.progress >= current.progress)
}

/** Merges a REST snapshot: finished beats running, and progress never goes back. */
export function mergeSnapshot(current: TaskState | undefined, info: TaskInfo, now = Date.now()): TaskState {
  const next = fromTaskInfo(info, now)
  if (!current)
    return next
  if (isTaskFinished(current.status) && !isTaskFinished(next.status))
    return current
  if (!isTaskFinished(next.status) && !notBehind(current, next))
    return current
  return { ...current, ...next, startedAt: Math.min(current.startedAt, next.startedAt) }
}

/** Applies one frame of the task socket; returns the same object when nothing changed. */
export function applyTaskFrame(current: TaskState, frame: TaskChannelMessage, now = Date.now()): TaskState {
  if (frame.type === MessageType.Heartbeat || isTaskFinished(current.status))
    return current
  const data = frame.data
  const base = { ...current, total_steps: data.total_steps, message: data.message, messageKey: data.message_key, params: data.params, updatedAt: now }
  if (frame.type === MessageType.Completed)
    return { ...base, status: 'completed', step: data.total_steps, progress: 100, result: frame.data.result }
  if (frame.type === MessageType.Error)
    return { ...base, status: 'error', step: Math.max(current.step, data.step), error: frame.data.error, errorKey: frame.data.error_key }
  if (!notBehind(current, data))
    return current
  return { ...base, status: 'running', step: data.step, progress: data.progress }
}

export function viewOf(task: TaskState, now: number): TaskView {
  const end = isTaskFinished(task.status) ? task.updatedAt : now
  const elapsedMs = Math.max(0, end - task.startedAt)
  let remainingMs: number | null = null
  if (task.status === 'completed')
    remainingMs = 0
  else if (task.status === 'running' && task.progress > 0 && task.progress < 100)
    remainingMs = Math.round(elapsedMs * (100 - task.progress) / task.progress)
  return { ...task, elapsedMs, remainingMs }
}
