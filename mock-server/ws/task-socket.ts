// /api/ws/tasks/<id>: the current state at once (a late subscriber sees where the task is), then every
// change; after `completed` or `error` the socket closes with 1000. Several watchers per task.
import type { WebSocket } from 'ws'
import { CloseCode, CloseReason, MessageType, encodeMessage } from '../../src/protocol'
import type { VerifiedToken } from '../auth/jwt'
import type { ConnectionRegistry } from '../connections/registry'
import type { ServerContext } from '../context'
import type { TaskRecord } from '../storage/tasks'
import { isFinished } from '../tasks/simulator'
import { describe, listen, WsConnection, type SocketHost } from './ws-connection'

const TASK_FINISHED = 'task finished'

/** The frame that shows a task's current state: progress, completed or error. */
export function taskFrame(task: TaskRecord): string {
  const base = {
    task_id: task.task_id,
    message: task.message,
    step: task.step,
    total_steps: task.total_steps,
    progress: task.progress,
    timestamp: task.updated_at,
  }
  if (task.status === 'completed')
    return encodeMessage({ type: MessageType.Completed, data: { ...base, progress: 100, result: task.result } })
  if (task.status === 'error')
    return encodeMessage({ type: MessageType.Error, data: { ...base, error: task.error ?? task.message } })
  return encodeMessage({ type: MessageType.Progress, data: base })
}

/** Sends a task's new state to its watchers (serialised once), closing them when it has finished. */
export function publishTaskUpdate(registry: ConnectionRegistry, task: TaskRecord): void {
  const frame = Buffer.from(taskFrame(task))
  const finished = isFinished(task)
  for (const watcher of [...registry.watchersOf(task.task_id)]) {
    if (!(watcher instanceof WsConnection))
      continue
    watcher.send(frame)
    if (finished)
      watcher.close(CloseCode.Normal, TASK_FINISHED)
  }
}

// Client frames on a task socket carry no meaning; they only count against the rate limit.
function ignoreText(): void {}

const hosts = new WeakMap<ServerContext, SocketHost>()

function hostFor(ctx: ServerContext): SocketHost {
  let host = hosts.get(ctx)
  if (!host)
    hosts.set(ctx, (host = { registry: ctx.registry, log: ctx.log, onText: ignoreText }))
  return host
}

export function openTaskSocket(ctx: ServerContext, socket: WebSocket, session: VerifiedToken, taskId: string, remote: string): void {
  const task = ctx.tasks.get(taskId)
  const who = `user=${session.user.id} task=${taskId} remote=${remote}`
  if (!task) {
    ctx.log('info', `ws reject kind=task ${who} code=${CloseCode.NotFound}`)
    socket.close(CloseCode.NotFound, CloseReason[CloseCode.NotFound])
    return
  }
  if (task.user !== session.user.id && session.user.role !== 'admin') {
    ctx.log('info', `ws reject kind=task ${who} code=${CloseCode.Forbidden}`)
    socket.close(CloseCode.Forbidden, CloseReason[CloseCode.Forbidden])
    return
  }
  const connection = new WsConnection(socket, {
    host: hostFor(ctx),
    kind: 'task',
    userId: session.user.id,
    jti: session.jti,
    expiresAtSec: session.exp,
    taskId,
    remote,
  })
  listen(connection)
  connection.send(taskFrame(task))
  if (isFinished(task)) {
    connection.close(CloseCode.Normal, TASK_FINISHED)
    return
  }
  ctx.registry.add(connection)
  ctx.log('info', `ws open ${describe(connection)}`)
}
