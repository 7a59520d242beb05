import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, onScopeDispose, ref, watch } from 'vue'
import * as tasksApi from '@/api/tasks'
import {
  CloseCode,
  CloseReason,
  isTaskFinished,
  parseTaskChannelMessage,
  pathOf,
  ConnectionRoutes,
  TabChannelName,
  type CreateTaskRequest,
  type TaskChannelMessage,
  type TaskInfo,
} from '@/protocol'
import { createConnection, createTabChannel, type RealtimeConnection } from '@/realtime'
import { readStored, writeStored } from '@/utils/safeStorage'
import { tidingsContext } from '@/plugin/context'
import { realtimeSettings } from './realtimeSettings'
import { applyTaskFrame, mergeSnapshot, viewOf, type TaskState, type TaskView } from './taskProgress'

export type { TaskView } from './taskProgress'

/** Finished tasks the user dismissed (kept in this browser, newest last, at most this many). */
const DISMISSED_KEY = 'tidings-dismissed-tasks'
const MAX_DISMISSED = 200

function storedDismissed(): Set<string> {
  try {
    const ids: unknown = JSON.parse(readStored(DISMISSED_KEY) ?? '[]')
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [])
  }
  catch {
    return new Set()
  }
}

/** Elapsed and remaining time tick this often while a task runs. */
const TICK_MS = 1000

type TaskRelay = { kind: 'started', task_id: string }

export const useTasksStore = defineStore('tasks', () => {
  const session = tidingsContext()
  const settings = realtimeSettings()
  const states = ref<Record<string, TaskState>>({})
  const now = ref(Date.now())
  const sockets = new Map<string, RealtimeConnection<TaskChannelMessage>>()

  const dismissed = ref(storedDismissed())

  const tasks = computed<TaskView[]>(() => Object.values(states.value)
    .filter(task => !dismissed.value.has(task.task_id))
    .sort((a, b) => b.startedAt - a.startedAt)
    .map(task => viewOf(task, now.value)))

  // ---- the clock, running only while something runs ----------------------------------------
  let ticker: ReturnType<typeof setInterval> | null = null
  const anyRunning = computed(() => Object.values(states.value).some(t => !isTaskFinished(t.status)))
  watch(anyRunning, (running) => {
    if (running && !ticker) {
      now.value = Date.now()
      ticker = setInterval(() => {
        now.value = Date.now()
      }, TICK_MS)
    }
    else if (!running && ticker) {
      clearInterval(ticker)
      ticker = null
      now.value = Date.now()
    }
  }, { immediate: true })

  function put(task: TaskState): void {
    if (states.value[task.task_id] !== task)
      states.value = { ...states.value, [task.task_id]: task }
  }

  function remember(info: TaskInfo): void {
    put(mergeSnapshot(states.value[info.task_id], info))
  }

  function finishWith(taskId: string, error: string): void {
    const task = states.value[taskId]
    if (task && !isTaskFinished(task.status))
      put({ ...task, status: 'error', error, message: error, messageKey: undefined, errorKey: undefined, updatedAt: Date.now() })
  }

  // ---- one socket per watched task ----------------------------------------------------------
  /** Follows a task live (its socket first sends where the task is now). */
  function watchTask(taskId: string): void {
    if (sockets.has(taskId) || isTaskFinished(states.value[taskId]?.status ?? 'pending'))
      return
    const connection = createConnection<TaskChannelMessage>({
      baseUrl: session.baseUrl,
      ...settings.connection,
      ssePath: null,
      path: pathOf(ConnectionRoutes.taskSocket, { id: taskId }),
      parse: parseTaskChannelMessage,
      getToken: session.getToken,
      refreshToken: session.refreshToken,
    })
    sockets.set(taskId, connection)
    connection.on('message', (frame) => {
      const current = states.value[taskId]
      if (!current)
        return
      const next = applyTaskFrame(current, frame)
      put(next)
      if (isTaskFinished(next.status))
        unwatch(taskId) // the server closes with 1000 next; that is not a reason to reconnect
    })
    connection.on('close', ({ code }) => {
      if (code === CloseCode.NotFound || code === CloseCode.Forbidden) {
        finishWith(taskId, CloseReason[code] ?? `closed (${code})`)
        unwatch(taskId)
      }
    })
    if (!states.value[taskId])
      put({ task_id: taskId, symbol: '', status: 'pending', step: 0, total_steps: 1, progress: 0, message: '', startedAt: Date.now(), updatedAt: Date.now() })
    connection.connect()
  }

  function unwatch(taskId: string): void {
    const connection = sockets.get(taskId)
    sockets.delete(taskId)
    connection?.dispose()
  }

  // ---- REST ---------------------------------------------------------------------------------
  const channel = createTabChannel<TaskRelay>(TabChannelName.Tasks, settings.BroadcastChannel)
  channel.on(async (message) => {
    if (message.kind !== 'started' || states.value[message.task_id])
      return
    try {
      remember(await tasksApi.get(message.task_id))
      watchTask(message.task_id)
    }
    catch {
      // the other tab's task is not visible to us (another user signed in there meanwhile)
    }
  })

  /** Starts an analysis and follows it; resolves with the task id. */
  async function start(body: CreateTaskRequest): Promise<string> {
    const info = await tasksApi.start(body)
    const taskId = info.task_id
    // Timed from here, not from the server's clock, so elapsed time is right even with clock skew.
    put({ ...mergeSnapshot(undefined, info), startedAt: Date.now() })
    watchTask(taskId)
    channel.post({ kind: 'started', task_id: taskId })
    return taskId
  }

  /** The user's tasks from the server; running ones are followed live. */
  async function load(): Promise<void> {
    const list = await tasksApi.list()
    for (const info of list) {
      remember(info)
      if (!isTaskFinished(info.status))
        watchTask(info.task_id)
    }
  }

  /** The newest completed task of a symbol (for the stock page), or null. */
  async function latestResult(symbol: string): Promise<TaskInfo | null> {
    const list = await tasksApi.list({ symbol })
    return list.find(task => task.status === 'completed' && task.symbol === symbol) ?? null
  }

  /** Hides a finished task from the list, in this browser, from now on. */
  function dismiss(taskId: string): void {
    const task = states.value[taskId]
    if (!task || !isTaskFinished(task.status))
      return
    const next = new Set([...dismissed.value, taskId])
    dismissed.value = new Set([...next].slice(-MAX_DISMISSED))
    writeStored(DISMISSED_KEY, JSON.stringify([...dismissed.value]))
  }

  function clear(): void {
    for (const taskId of [...sockets.keys()])
      unwatch(taskId)
    states.value = {}
  }

  watch(() => session.userKey(), (next, previous) => {
    if (next !== previous)
      clear()
  })

  onScopeDispose(() => {
    clear()
    channel.close()
    if (ticker)
      clearInterval(ticker)
  })

  return {
    /** The user's tasks not dismissed, newest first, as views (progress, status, elapsed and remaining time). */
    tasks,
    /** Starts an analysis and follows it; resolves with the task id. */
    start,
    /** Reads the user's tasks from the server; running ones are followed live. */
    load,
    /** Follows a task live (its socket first sends where the task is now). */
    watch: watchTask,
    /** Stops following a task live. */
    unwatch,
    /** The newest completed task of a symbol, or null. */
    latestResult,
    /** Hides a finished task from the list, in this browser, from now on. */
    dismiss,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useTasksStore, import.meta.hot))
