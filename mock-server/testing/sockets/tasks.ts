// The task socket, behaving like the server's: 4401 / 4404 / 4403 as the task's watcher may not
// watch, the task's current state on open, closed 1000 once it has finished. Tests drive the stored
// task with `taskUpdates`; timers never advance it.
import { ws, type WebSocketHandler } from 'msw'
import {
  CloseCause,
  CloseCode,
  CloseReason,
  isTaskFinished,
  Routes,
  taskStateMessage,
  type TaskInfo,
} from '../../../src/protocol'
import { progressAt, publicTask } from '../../tasks/simulator'
import { db, userOfToken } from '../db'
import { mswPath } from '../routes'
import { sendFrame, tokenOf, type Client } from './frames'

export const taskSocket = ws.link(mswPath(Routes.taskSocket))

const taskClients = new Map<string, Set<Client>>()

export function resetTaskSockets(): void {
  taskClients.clear()
}

/** Closes after the frames already sent: msw delivers messages on a timer but closes at once. */
function closeAfterSends(client: Client, code: number, reason: string): void {
  setTimeout(() => client.close(code, reason), 0)
}

function publishTask(task: TaskInfo): void {
  const frame = taskStateMessage(task)
  for (const client of taskClients.get(task.task_id) ?? []) {
    sendFrame(client, frame)
    if (isTaskFinished(task.status))
      closeAfterSends(client, CloseCode.Normal, CloseCause.TaskFinished)
  }
}

/** Saves a change to a stored task, then publishes it: as the simulator does, stored before it is seen. */
function updateTask(taskId: string, change: Partial<TaskInfo>): TaskInfo {
  const record = db.tasks.get(taskId)
  if (!record)
    throw new Error(`no task ${taskId} in the msw data set`)
  Object.assign(record, change, { updated_at: new Date().toISOString() })
  db.tasks.update(record)
  const task = publicTask(record)
  publishTask(task)
  return task
}

/** Drives a seeded task the way the server's simulation would, notifying its subscribers. */
export const taskUpdates = {
  advance(taskId: string, step: number): TaskInfo {
    const task = db.tasks.get(taskId)
    const total = task?.total_steps ?? 1
    return updateTask(taskId, {
      status: 'running',
      step,
      progress: progressAt(step, total),
      message: task?.steps[step - 1] ?? `step ${step}`,
    })
  },
  /** Running at `percent`, with a message (the task's current one unless given). */
  progress(taskId: string, percent: number, message?: string): TaskInfo {
    const task = db.tasks.get(taskId)
    return updateTask(taskId, { status: 'running', progress: percent, message: message ?? task?.message ?? '' })
  },
  complete(taskId: string, result: Record<string, unknown> = { recommendation: 'hold' }): TaskInfo {
    const task = db.tasks.get(taskId)
    return updateTask(taskId, { status: 'completed', step: task?.total_steps ?? 1, progress: 100, message: '分析完成', result })
  },
  fail(taskId: string, error = '数据源不可用'): TaskInfo {
    return updateTask(taskId, { status: 'error', message: error, error })
  },
  /** Drops a task's sockets abruptly, as a network failure would. */
  dropSockets(taskId: string): void {
    for (const client of [...taskClients.get(taskId) ?? []])
      client.close(CloseCode.Abnormal, 'connection lost')
  },
  /** Task sockets currently open for a task. */
  subscribers(taskId: string): number {
    return taskClients.get(taskId)?.size ?? 0
  },
}

export const taskSocketHandler: WebSocketHandler = taskSocket.addEventListener('connection', ({ client, info, params }) => {
  const user = userOfToken(tokenOf(client.url, info.protocols))
  if (!user) {
    client.close(CloseCode.Unauthorized, CloseReason[CloseCode.Unauthorized])
    return
  }
  const record = db.tasks.get(String(params.id))
  if (!record) {
    client.close(CloseCode.NotFound, CloseReason[CloseCode.NotFound])
    return
  }
  const task = publicTask(record)
  if (task.user !== user.username && user.role !== 'admin') {
    client.close(CloseCode.Forbidden, CloseReason[CloseCode.Forbidden])
    return
  }
  const subscribers = taskClients.get(task.task_id) ?? new Set<Client>()
  taskClients.set(task.task_id, subscribers)
  subscribers.add(client)
  client.addEventListener('close', () => subscribers.delete(client))
  sendFrame(client, taskStateMessage(task))
  if (isTaskFinished(task.status))
    closeAfterSends(client, CloseCode.Normal, CloseCause.TaskFinished)
})
