// What the host application calls from its own code (`tidings/server`): publish a notification, and
// start a task it runs itself and reports on. Both go the way the REST API's do: validated by the same
// schemas, stored first, then pushed.
import {
  applicationTaskSchema,
  BROADCAST_RECIPIENT,
  createNotificationRequestSchema,
  type ApplicationTaskRequest,
  type CreateNotificationRequest,
  type Notification,
  type TaskInfo,
} from '../src/protocol'
import type { UserDirectory } from './auth/directory'
import { validate } from './http/body'
import { HttpError } from './http/envelope'
import type { Notifier } from './notifier'
import type { TaskRecord, TaskStore } from './storage/tasks'
import { newTaskRecord, TaskRun } from './tasks/run'

/** A user, by id or as the `authenticate` hook returned it. */
export type UserRef = string | {
  /** The user's id, as your `authenticate` hook returns it. */
  id: string
}

/** What a published notification says (the body of `POST /api/notifications` without its recipient). */
export type PublishedNotification = Omit<CreateNotificationRequest, 'user'>

/**
 * An application's task, driven by its own job. Each call is stored and pushed to the task's watchers
 * in call order; a finished task refuses further calls.
 */
export interface TaskHandle {
  /** The task's id: clients watch it at `/api/ws/tasks/:id` and read it at `GET /api/tasks/:id`. */
  readonly id: string
  /** Running at `percent` (0–100), with an optional message and step number (1-based, of `steps`). */
  progress: (percent: number, message?: string, step?: number) => Promise<TaskInfo>
  /** Completed (progress 100), with an optional result clients may show. */
  complete: (result?: Record<string, unknown>, message?: string) => Promise<TaskInfo>
  /** Failed, with the reason clients show. */
  fail: (error: string, message?: string) => Promise<TaskInfo>
}

export interface Publisher {
  /**
   * Stores a notification for one user (or every user, `'*'`) and pushes it to their sockets and
   * streams; returns what was stored. Throws HttpError 422 for what `POST /api/notifications` refuses.
   */
  publish: (user: UserRef | typeof BROADCAST_RECIPIENT, notification: PublishedNotification) => Promise<Notification[]>
  /** Starts a task owned by `user` (pending until its first `progress`), stored and watchable at once. */
  startTask: (user: UserRef, task: ApplicationTaskRequest) => Promise<TaskHandle>
}

/**
 * In a cluster a task unchanged for a step's time (plus a lease) counts as dead; an application's task
 * has no steps of known length, so it is given this long between calls.
 */
export const APPLICATION_TASK_STEP_MS = 60 * 60 * 1000

/**
 * A new application task of `userId`, its request validated (HttpError 422). Without steps it is one
 * step named after the task: the protocol's frames always count at least one step.
 */
export function applicationTaskRecord(userId: string, request: ApplicationTaskRequest): TaskRecord {
  const { name, steps, message } = validate(applicationTaskSchema, request)
  return newTaskRecord(userId, { symbol: name, steps: steps ?? [name], stepMs: APPLICATION_TASK_STEP_MS, message })
}

function idOf(user: UserRef): string {
  return typeof user === 'string' ? user : user.id
}

interface PublisherParts {
  users: UserDirectory
  notifier: Notifier
  taskStore: TaskStore
  /** Tells a task's watchers its new state (closing them once it has finished). */
  publishTask: (task: TaskRecord) => void
}

export function createPublisher({ users, notifier, taskStore, publishTask }: PublisherParts): Publisher {
  async function publish(user: UserRef | typeof BROADCAST_RECIPIENT, notification: PublishedNotification): Promise<Notification[]> {
    const { user: recipient, ...input } = validate(createNotificationRequestSchema, { ...notification, user: idOf(user) })
    if (recipient === BROADCAST_RECIPIENT)
      return notifier.notify(await users.everyone(), input)
    if (recipient === undefined || !users.has(recipient))
      throw new HttpError(404, `user ${recipient} not found`)
    return notifier.notify([recipient], input)
  }

  async function startTask(user: UserRef, request: ApplicationTaskRequest): Promise<TaskHandle> {
    const task = applicationTaskRecord(idOf(user), request)
    await taskStore.insert(task)
    const run = new TaskRun(task, async (changed) => {
      await taskStore.update(changed)
      publishTask(changed)
    })
    return {
      id: run.id,
      progress: (percent, message, step) => run.progress(percent, message, step),
      complete: (result, message) => run.complete(result, message),
      fail: (error, message) => run.fail(error, message),
    }
  }

  return { publish, startTask }
}
