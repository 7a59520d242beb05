// /api/ws/tasks/<id>: the current state at once (a late subscriber sees where the task is), then every
// change; after `completed` or `error` the socket closes with 1000. Several watchers per task; past
// WS_MAX_TASK_SOCKETS_PER_USER open ones, a user's next socket closes with 4429.
import { WebSocket } from 'ws'
import { CloseCause, CloseCode, CloseReason, isTaskFinished, taskStateMessage } from '../../src/protocol'
import type { VerifiedToken } from '../auth/jwt'
import type { ServerContext } from '../context'
import { OutboundEvent, whenSubscribed } from '../hub'
import type { TaskRecord } from '../storage/tasks'
import { publicTask } from '../tasks/simulator'
import { describe, listen, socketHosts, WsConnection } from './ws-connection'

/** The event that shows a task's current state: progress, completed or error. */
export function taskEvent(task: TaskRecord): OutboundEvent {
  return new OutboundEvent(taskStateMessage(publicTask(task)))
}

// Client frames on a task socket carry no meaning; they only count against the rate limit.
function ignoreText(): void {}

const hostFor = socketHosts(ignoreText)

export function openTaskSocket(ctx: ServerContext, socket: WebSocket, session: VerifiedToken, taskId: string, remote: string): Promise<void> | undefined {
  // With several processes the task may run on another one: listen for its changes before reading its
  // state, so no change falls between the two.
  return whenSubscribed(ctx.hub, 'task', taskId, () =>
    socket.readyState === WebSocket.OPEN ? start(ctx, socket, session, taskId, remote) : undefined)
}

async function start(ctx: ServerContext, socket: WebSocket, session: VerifiedToken, taskId: string, remote: string): Promise<void> {
  const task = await ctx.tasks.get(taskId)
  if (socket.readyState !== WebSocket.OPEN)
    return
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
  // Checked and registered in the same tick, so simultaneous handshakes cannot all slip under the limit.
  if (!isTaskFinished(task.status) && !ctx.registry.hasRoomForTaskSocket(session.user.id)) {
    ctx.log('info', `ws reject kind=task ${who} code=${CloseCode.TooManyRequests} reason=task sockets`)
    socket.close(CloseCode.TooManyRequests, CloseReason[CloseCode.TooManyRequests])
    return
  }
  const connection = new WsConnection(socket, {
    host: hostFor(ctx),
    kind: 'task',
    userId: session.user.id,
    sessionId: session.sid,
    expiresAtSec: session.exp,
    taskId,
    remote,
  })
  listen(connection)
  connection.deliver(taskEvent(task))
  if (isTaskFinished(task.status)) {
    connection.close(CloseCode.Normal, CloseCause.TaskFinished)
    return
  }
  if (!ctx.registry.add(connection))
    return
  ctx.log('info', `ws open ${describe(connection)}`)
  // Another process's step published while the state was read went to the watchers registered then,
  // not to this one: read once more and show it if it moved on.
  if (ctx.hub.clustered)
    await catchUp(ctx, connection, task)
}

async function catchUp(ctx: ServerContext, connection: WsConnection, seen: TaskRecord): Promise<void> {
  const now = await ctx.tasks.get(seen.task_id)
  if (now === null || now.updated_at === seen.updated_at || !connection.isOpen())
    return
  connection.deliver(taskEvent(now))
  if (isTaskFinished(now.status))
    connection.close(CloseCode.Normal, CloseCause.TaskFinished)
}
