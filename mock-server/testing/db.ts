// The data set behind the default msw handlers, held in the server's own storage: notifications and
// tasks on a fresh ':memory:' database per test (mock-server/storage/*), tasks started by the server's
// simulator, the users of mock-server/auth/users.ts. Sign-in tokens are msw's: opaque strings with a
// record each. Tests shape the data set through `seed` (./seed), never by editing handlers.
import { findUser } from '../auth/users'
import { openDatabase, type Db } from '../storage/db'
import { createNotificationStore, type SqliteNotificationStore } from '../storage/notifications'
import { promised } from '../storage/storage'
import { createTaskStore, type SqliteTaskStore, type TaskRecord, type TaskStore } from '../storage/tasks'
import { createTaskSimulator, type TaskSimulator } from '../tasks/simulator'
import type { Notification, TaskInfo, User } from '../../src/protocol'

interface TokenRecord {
  username: string
  /** An expired or revoked token: REST answers 401, the sockets close with 4401. */
  valid: boolean
  /** Signed out (its session revoked): unlike an expired token, it cannot be refreshed either. */
  revoked?: boolean
}

export const db = {
  tokens: new Map<string, TokenRecord>(),
  /** This test's database (every store below is over it). */
  database: null as unknown as Db,
  /** The server's notification storage: it numbers the rows and keeps each user's newest 1000. */
  notifications: null as unknown as SqliteNotificationStore,
  /** The server's task storage (tasks are never advanced by timers here: see `taskUpdates`). */
  tasks: null as unknown as SqliteTaskStore,
  /** The server's task simulator over that storage, whose timers are stopped as soon as it starts a task. */
  simulator: null as unknown as TaskSimulator,
  /** Whether POST /api/auth/refresh issues a new token (false: 401). */
  refreshAllowed: true,
  issued: 0,
}

let database: Db | null = null
/** Gives a stored row a fixture's date (the storage dates a row when it stores it). */
let redate: (id: string, createdAt: string) => void = () => {}

export function resetDb(): void {
  db.tokens = new Map()
  database?.close()
  database = openDatabase(':memory:')
  db.database = database
  db.notifications = createNotificationStore(database)
  db.tasks = createTaskStore(database)
  db.simulator = heldStill(createTaskSimulator({ store: promised<TaskStore>(db.tasks), onChange: () => {} }))
  const update = database.prepare('UPDATE notifications SET created_at = ? WHERE id = ?')
  redate = (id, createdAt) => update.run(createdAt, Number(id))
  db.refreshAllowed = true
  db.issued = 0
}
resetDb()

/**
 * The simulator with its clock taken away: a started task is stored as the server stores it (pending,
 * its steps, its id) and then waits for the test to move it (`taskUpdates`), so nothing changes
 * between a test's assertions on its own. With no timer left, `onChange` is never called.
 */
function heldStill(simulator: TaskSimulator): TaskSimulator {
  return {
    ...simulator,
    async start(...args) {
      const task = await simulator.start(...args)
      simulator.stop()
      return task
    },
  }
}

export function issueToken(username: string): string {
  db.issued += 1
  const token = `token-${username}-${db.issued}`
  db.tokens.set(token, { username, valid: true })
  return token
}

/**
 * The user a token belongs to, or null when it is unknown, expired or revoked. A name the server does
 * not seed is a plain user of that id (a library user's own users).
 */
export function userOfToken(token: string | null | undefined): User | null {
  const record = token ? db.tokens.get(token) : undefined
  if (!record?.valid)
    return null
  return findUser(record.username) ?? { id: record.username, username: record.username, role: 'user' }
}

/**
 * Stores a notification for a user through the server's storage, which gives it the next id: the
 * copy returned is the stored one, with the server's id. The fixture's date and status are kept (the
 * date rewritten on the row, the status through the storage's markRead, which pushes nothing), so
 * rows stored in the order their fixtures were made are numbered and dated alike, as on the server.
 */
export function storeNotification(username: string, item: Notification): Notification {
  const { title, content, type, link, source } = item
  const [stored] = db.notifications.create([username], { title, content, type, link, source })
  redate(stored!.id, item.created_at)
  if (item.status === 'read')
    db.notifications.markRead(username, stored!.id)
  return db.notifications.get(username, stored!.id)!
}

/** A task as the server stores it. */
export function taskRecord(task: TaskInfo): TaskRecord {
  return { ...task, step_ms: 0, fail_at_step: null }
}
