// createTidingsTestServer(): the fake Tidings server of `tidings/testing`. msw answers the app's REST
// calls with the server's own route handlers over a fresh ':memory:' database, and plays its two
// sockets and SSE stream; a test signs a user in and pushes a notification or a task's progress in one
// line each. One fake server per test process (msw intercepts globally): `listen()` before the tests,
// `reset()` after each, `close()` after all.
import type { RequestHandler, WebSocketHandler } from 'msw'
import { setupServer, type SetupServer } from 'msw/node'
import { notificationMessage, type ApplicationTaskRequest, type Notification, type TaskInfo } from '../../src/protocol'
import { OutboundEvent } from '../hub'
import { applicationTaskRecord, type PublishedNotification } from '../publish'
import { publicTask } from '../tasks/run'
import { db, issueToken, resetDb } from './db'
import { handlers } from './handlers'
import { stopTriage } from './rest'
import { mswHub, resetSockets, streamHandler, taskUpdates } from './sockets'

/** msw's own options for `listen` (`onUnhandledRequest`: 'warn', 'error', 'bypass' or a function). */
export type TidingsTestListenOptions = Parameters<SetupServer['listen']>[0]

export interface TidingsTestServer {
  /** Starts answering the app's REST calls and sockets (msw's `setupServer(...handlers).listen()`); call it in `beforeAll`. */
  listen: (options?: TidingsTestListenOptions) => void
  /** Stops answering (msw's `close()`); call it in `afterAll`. */
  close: () => void
  /** Adds a test's own msw handlers in front of Tidings' (dropped again by `reset()`), e.g. a REST failure. */
  use: (...overrides: (RequestHandler | WebSocketHandler)[]) => void
  /** The msw handlers (REST routes, notification and task sockets): `setupServer(...tidings.handlers)`. */
  handlers: (RequestHandler | WebSocketHandler)[]
  /** The SSE stream's handler, built on demand: msw needs a global `EventSource` to build it. */
  streamHandler: typeof streamHandler
  /** A token for `user` (any id; 'admin', 'user1', 'user2' are the demo's, 'admin' an admin). @default 'admin' */
  signIn: (user?: string) => string
  /** Stores a notification for `user` and pushes it to their sockets and streams; returns it as stored. */
  pushNotification: (user: string, notification: Partial<PublishedNotification> & { title: string }) => Notification
  /** Stores a pending task of `user`, watchable at once; returns it (its `task_id` for `pushProgress`). */
  startTask: (user: string, task: ApplicationTaskRequest) => TaskInfo
  /** Moves a task to `percent` (running) and pushes the frame to its watchers. */
  pushProgress: (taskId: string, percent: number, message?: string) => TaskInfo
  /** Completes a task (progress 100, with a result) and pushes it; its watchers are closed with 1000. */
  pushCompleted: (taskId: string, result?: Record<string, unknown>) => TaskInfo
  /** Fails a task with a reason and pushes it; its watchers are closed with 1000. */
  pushFailed: (taskId: string, error?: string) => TaskInfo
  /** Task sockets open for a task: wait for the app's before pushing if the test needs every frame. */
  taskWatchers: (taskId: string) => number
  /** Forgets everything: a fresh database, no tokens, no sockets, no `use` overrides. Call it after each test. */
  reset: () => void
}

/** The fake server (one per test process: its state is the module's). */
export function createTidingsTestServer(): TidingsTestServer {
  // Made on first use, so a test that runs its own `setupServer(...tidings.handlers)` gets no second one.
  let server: SetupServer | undefined
  const mswServer = () => (server ??= setupServer(...handlers))
  return {
    listen: options => mswServer().listen(options),
    close: () => server?.close(),
    use: (...overrides) => mswServer().use(...overrides),
    handlers,
    streamHandler,
    signIn: (user = 'admin') => issueToken(user),
    pushNotification: (user, { content = '', type = 'system', ...rest }) => {
      const [stored] = db.notifications.create([user], { content, type, ...rest })
      mswHub.publish(user, new OutboundEvent(notificationMessage(stored!), stored!.id))
      return stored!
    },
    startTask: (user, request) => {
      const task = applicationTaskRecord(user, request)
      db.tasks.insert(task)
      return publicTask(task)
    },
    pushProgress: (taskId, percent, message) => taskUpdates.progress(taskId, percent, message),
    pushCompleted: (taskId, result) => taskUpdates.complete(taskId, result),
    pushFailed: (taskId, error) => taskUpdates.fail(taskId, error),
    taskWatchers: taskId => taskUpdates.subscribers(taskId),
    reset: () => {
      server?.resetHandlers()
      stopTriage()
      resetDb()
      resetSockets()
    },
  }
}
