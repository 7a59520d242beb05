// msw `ws` links for the two sockets and `sse` for the compatibility stream, behaving like the
// protocol server: 4401 for a bad token, a `connected` frame on open, pong for ping, the task's
// current state on open. Tests push through the helpers below so the data set and sockets agree.
import { sse, ws, type WebSocketHandler } from 'msw'
import type { WebSocketClientConnectionProtocol } from '@mswjs/interceptors/WebSocket'
import {
  CloseCause,
  CloseCode,
  CloseReason,
  ErrorCode,
  isTaskFinished,
  MessageType,
  Routes,
  encodeMessage,
  errorMessage,
  pongMessage,
  streamCloseMessage,
  type Notification,
  type NotificationChannelMessage,
  type StreamCloseMessage,
  type TaskChannelMessage,
  type TaskInfo,
  socketTokenOf,
  taskStateMessage,
} from '../../src/protocol'
import { OutboundEvent, type Hub } from '../../mock-server/hub'
import { progressAt, publicTask } from '../../mock-server/tasks/simulator'
import { db, storeNotification, userOfToken } from './db'
import { mswPath } from './routes'
import { connectedFrame, notificationFrame, readFrame, resyncFrame } from './fixtures'

type Client = WebSocketClientConnectionProtocol
/** What the SSE stream carries: the notification channel's messages and the `close` event. */
type StreamMessage = NotificationChannelMessage | StreamCloseMessage
type StreamEvents = Record<StreamMessage['type'], string>
interface SseClient {
  send: (payload: { event: keyof StreamEvents, id?: string, data: string }) => void
  close: () => void
}

export const notificationSocket = ws.link(mswPath(Routes.notificationsSocket))
export const taskSocket = ws.link(mswPath(Routes.taskSocket))

/** Open notification sockets (msw's `link.clients` also keeps closed ones). */
const openClients = new Map<Client, { username: string, token: string }>()
const taskClients = new Map<string, Set<Client>>()
const streamClients = new Set<{ username: string, client: SseClient }>()
/** How the fake server behaves; tests change it, `useMswServer` restores it after each test. */
export const socketSettings = {
  /** Heartbeat interval announced in the `connected` frame (seconds). */
  heartbeatInterval: 30,
  /** The socket endpoint is unreachable: every attempt dies at once with 1006 (REST still works). */
  down: false,
  /** Sockets open but the server never says a word (a proxy that swallowed the backend). */
  silent: false,
  /** The next this many signed-in attempts complete the handshake and close with 4429 (connect rate limit). */
  refuseAsTooMany: 0,
}
/** Every attempt to open a notification socket, in order: the URL and subprotocols it used. */
export const socketLog: { url: string, protocols: string[] }[] = []

export function resetSockets(): void {
  openClients.clear()
  taskClients.clear()
  streamClients.clear()
  socketSettings.heartbeatInterval = 30
  socketSettings.down = false
  socketSettings.silent = false
  socketSettings.refuseAsTooMany = 0
  socketLog.length = 0
}

/** The socket's token, found as the server finds it. */
function tokenOf(url: URL, protocols: string | string[] | undefined): string | null {
  return socketTokenOf(url, protocols === undefined ? [] : ([] as string[]).concat(protocols))
}

function sendFrame(client: Client, frame: NotificationChannelMessage | TaskChannelMessage): void {
  client.send(encodeMessage(frame))
}

/** One SSE event in the server's shape: the message's type as the event name, its data as JSON. */
function sendEvent(client: SseClient, message: StreamMessage, id?: string): void {
  client.send({ event: message.type, ...(id === undefined ? {} : { id }), data: JSON.stringify(message.data) })
}

/** Open notification sockets of a user (every user when omitted). */
export function socketsOf(username?: string): Client[] {
  return [...openClients].filter(([, owner]) => !username || owner.username === username).map(([client]) => client)
}

/**
 * The server's hub as far as its notifier uses it: an event goes to the user's sockets (its frame, built
 * once by the protocol's builders) and SSE streams (with its `id`, as Last-Event-ID would resume).
 */
export const mswHub: Pick<Hub, 'publish'> = {
  publish(username, event) {
    let reached = 0
    for (const client of socketsOf(username)) {
      client.send(event.wsFrame)
      reached++
    }
    for (const stream of streamClients) {
      if (stream.username === username) {
        sendEvent(stream.client, event.message as StreamMessage, event.id ?? undefined)
        reached++
      }
    }
    return reached
  },
}

/** Stores a notification for a user and pushes it to their sockets and streams, as the server does. */
export function pushNotification(item: Notification, username = 'admin'): Notification {
  storeNotification(username, item)
  mswHub.publish(username, new OutboundEvent(notificationFrame(item), item.id))
  return item
}

/** Tells a user's sockets and streams that read state changed elsewhere. */
export function pushRead(ids: [string, ...string[]] | 'all', username = 'admin'): void {
  mswHub.publish(username, new OutboundEvent(readFrame(ids)))
}

/** Tells a user's sockets and streams that pushes may have been missed, as a cluster process does after a Redis outage. */
export function pushResync(username = 'admin'): void {
  const frame = resyncFrame()
  for (const client of socketsOf(username))
    sendFrame(client, frame)
  for (const stream of streamClients) {
    // No `id`: Last-Event-ID must not move.
    if (stream.username === username)
      sendEvent(stream.client, frame)
  }
}

/** Closes the sockets opened with a token with 4401 (logout, expiry); returns how many. */
export function closeSocketsOfToken(token: string): number {
  let closed = 0
  for (const [client, owner] of [...openClients]) {
    if (owner.token === token) {
      client.close(CloseCode.Unauthorized, CloseReason[CloseCode.Unauthorized])
      closed++
    }
  }
  return closed
}

export const notificationSocketHandler: WebSocketHandler = notificationSocket.addEventListener('connection', ({ client, info }) => {
  const protocols = info.protocols === undefined ? [] : ([] as string[]).concat(info.protocols)
  socketLog.push({ url: client.url.href, protocols })
  if (socketSettings.down) {
    client.close(CloseCode.Abnormal, 'unreachable')
    return
  }
  if (socketSettings.silent)
    return
  const token = tokenOf(client.url, info.protocols)
  const user = userOfToken(token)
  if (!user || !token) {
    client.close(CloseCode.Unauthorized, CloseReason[CloseCode.Unauthorized])
    return
  }
  if (socketSettings.refuseAsTooMany > 0) {
    socketSettings.refuseAsTooMany--
    client.close(CloseCode.TooManyRequests, CloseReason[CloseCode.TooManyRequests])
    return
  }
  openClients.set(client, { username: user.username, token })
  client.addEventListener('close', () => openClients.delete(client))
  sendFrame(client, connectedFrame({ user_id: user.username, heartbeat_interval: socketSettings.heartbeatInterval }))
  client.addEventListener('message', (event) => {
    try {
      if (JSON.parse(String(event.data))?.type === MessageType.Ping)
        sendFrame(client, pongMessage())
    }
    catch {
      sendFrame(client, errorMessage(ErrorCode.InvalidJson, 'message is not valid JSON'))
    }
  })
})

// ---- tasks -------------------------------------------------------------------------------------

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

// ---- SSE compatibility stream ------------------------------------------------------------------

/**
 * The SSE handler. A factory, because msw's `sse` needs a global EventSource when it is built:
 * jsdom has none, so a test assigns the `eventsource` package to globalThis first, then
 * `server.use(streamHandler())`.
 */
export const streamHandler = () => sse<StreamEvents>(mswPath(Routes.stream), ({ request, client }) => {
  const user = userOfToken(new URL(request.url).searchParams.get('token'))
  if (!user) {
    client.error()
    return
  }
  const entry = { username: user.username, client }
  streamClients.add(entry)
  request.signal.addEventListener('abort', () => streamClients.delete(entry))
  sendEvent(client, connectedFrame({ user_id: user.username, heartbeat_interval: socketSettings.heartbeatInterval }))
})

/** Ends every stream as the server does: a `close` event with the code's meaning, then the end. */
export function endStreams(code: number, reason = CloseReason[code] ?? ''): void {
  for (const stream of [...streamClients]) {
    streamClients.delete(stream)
    sendEvent(stream.client, streamCloseMessage(code, reason))
    stream.client.close()
  }
}

/** Number of open SSE subscribers (for the fallback tests). */
export function streamSubscribers(): number {
  return streamClients.size
}
