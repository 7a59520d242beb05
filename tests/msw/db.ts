// The in-memory dataset behind the default msw handlers: issued tokens, notifications and tasks; the
// users and their passwords are the server's (mock-server/auth/users.ts), the tasks sit in the server's
// task storage on a fresh ':memory:' database per test. Tests shape it through `seed`, never by
// editing handlers.
import { allUserIds, checkPassword as checkServerPassword, findUser } from '../../mock-server/auth/users'
import { openDatabase, type Db } from '../../mock-server/storage/db'
import { createTaskStore, type TaskRecord, type TaskStore } from '../../mock-server/storage/tasks'
import { MAX_NOTIFICATIONS_PER_USER, type Notification, type TaskInfo, type User } from '../../src/protocol'
import { notification as notificationFixture, resetFixtureSequence } from './fixtures'

interface TokenRecord {
  username: string
  /** An expired or revoked token: REST answers 401, the sockets close with 4401. */
  valid: boolean
  /** Signed out (its session revoked): unlike an expired token, it cannot be refreshed either. */
  revoked?: boolean
}

export const db = {
  users: new Map<string, User>(),
  tokens: new Map<string, TokenRecord>(),
  /** Per user, newest first. */
  notifications: new Map<string, Notification[]>(),
  /** The server's task storage (tasks are never advanced by timers here: see `taskUpdates`). */
  tasks: null as unknown as TaskStore,
  /** Whether POST /api/auth/refresh issues a new token (false: 401). */
  refreshAllowed: true,
  issued: 0,
}

let taskDatabase: Db | null = null

export function resetDb(): void {
  // A seeded user's id is its name (the JWT `sub`).
  db.users = new Map(allUserIds().map(name => [name, findUser(name)!]))
  db.tokens = new Map()
  db.notifications = new Map()
  taskDatabase?.close()
  taskDatabase = openDatabase(':memory:')
  db.tasks = createTaskStore(taskDatabase)
  db.refreshAllowed = true
  db.issued = 0
  resetFixtureSequence()
}
resetDb()

/** The user when name and password match, checked as the server checks them (scrypt). */
export function checkPassword(username: string, password: string): Promise<User | null> {
  return checkServerPassword(username, password)
}

export function issueToken(username: string): string {
  db.issued += 1
  const token = `token-${username}-${db.issued}`
  db.tokens.set(token, { username, valid: true })
  return token
}

/** The user a token belongs to, or null when it is unknown, expired or revoked. */
export function userOfToken(token: string | null | undefined): User | null {
  const record = token ? db.tokens.get(token) : undefined
  return record?.valid ? db.users.get(record.username) ?? null : null
}

export function inboxOf(username: string): Notification[] {
  let inbox = db.notifications.get(username)
  if (!inbox) {
    inbox = []
    db.notifications.set(username, inbox)
  }
  return inbox
}

/** Stores a notification for a user (newest first), replacing one with the same id; like the server, keeps the newest MAX_NOTIFICATIONS_PER_USER. */
export function storeNotification(username: string, item: Notification): Notification {
  const inbox = inboxOf(username)
  const existing = inbox.findIndex(n => n.id === item.id)
  if (existing >= 0)
    inbox.splice(existing, 1)
  inbox.unshift(item)
  inbox.sort((a, b) => b.created_at.localeCompare(a.created_at))
  inbox.length = Math.min(inbox.length, MAX_NOTIFICATIONS_PER_USER)
  return item
}

/** A task as the server stores it. */
export function taskRecord(task: TaskInfo): TaskRecord {
  return { ...task, step_ms: 0, fail_at_step: null }
}

export const seed = {
  /** Forgets everything: users back to admin/user1/user2, no tokens, no notifications, no tasks. */
  reset: resetDb,
  /**
   * Signs a user in as a previous visit would have: issues a token and stores it (and the user)
   * in localStorage where the auth store reads them. Returns the token.
   */
  signedIn(username = 'admin'): string {
    const token = issueToken(username)
    localStorage.setItem('auth-token', token)
    localStorage.setItem('auth-user', JSON.stringify(db.users.get(username)))
    return token
  },
  /** Stores notifications on the server side for a user (default admin); returns them. */
  notifications(items: Notification[], username = 'admin'): Notification[] {
    for (const item of items)
      storeNotification(username, item)
    return items
  },
  /** Stores `count` fresh unread notifications for a user. */
  unread(count: number, username = 'admin'): Notification[] {
    return seed.notifications(Array.from({ length: count }, () => notificationFixture()), username)
  },
  /** Stores a task as the server would have (its simulation settings unused: tests drive it with `taskUpdates`). */
  task(task: TaskInfo): TaskInfo {
    db.tasks.insert(taskRecord(task))
    return task
  },
  /** Makes a token invalid, as when it expires: REST says 401 and sockets close with 4401. */
  expire(token: string): void {
    const record = db.tokens.get(token)
    if (record)
      record.valid = false
  },
  /** Refusing refresh makes a 4401 end in the unauthorized state. */
  refuseRefresh(): void {
    db.refreshAllowed = false
  },
}
