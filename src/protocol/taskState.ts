import { FINISHED_TASK_STATUSES, MessageType, type TaskStatus } from './constants'
import type { TaskChannelMessage, TaskInfo } from './schemas'

/** True once a task completed or failed: it will not change again. */
export function isTaskFinished(status: TaskStatus): boolean {
  return (FINISHED_TASK_STATUSES as readonly TaskStatus[]).includes(status)
}

/**
 * The task-socket frame that shows a task's current state: `progress` while it runs, `completed`
 * (progress 100, with its result) or `error` (with the reason) once it has finished. A late
 * subscriber gets exactly this on join, so it starts from where the task is.
 */
export function taskStateMessage(task: TaskInfo): TaskChannelMessage {
  const data = {
    task_id: task.task_id,
    message: task.message,
    step: task.step,
    total_steps: task.total_steps,
    progress: task.progress,
    timestamp: task.updated_at,
    ...(task.message_key === undefined ? {} : { message_key: task.message_key }),
    ...(task.params === undefined ? {} : { params: task.params }),
  }
  if (task.status === 'completed')
    return { type: MessageType.Completed, data: { ...data, progress: 100, result: task.result } }
  if (task.status === 'error')
    return { type: MessageType.Error, data: { ...data, error: task.error ?? task.message, ...(task.error_key === undefined ? {} : { error_key: task.error_key }) } }
  return { type: MessageType.Progress, data }
}
