// What tests say the server holds before (or while) the app runs: sign-ins, notifications, tasks,
// expired tokens. Notifications and tasks go through the server's storage (./db).
import { findUser } from '../../mock-server/auth/users'
import type { Notification, TaskInfo } from '../../src/protocol'
import { db, issueToken, resetDb, storeNotification, taskRecord } from '../../mock-server/testing/db'
import { notification as notificationFixture, resetFixtureSequence } from './fixtures'

export const seed = {
  /** Forgets everything: no tokens, no notifications, no tasks (the users are the server's seeded three). */
  reset(): void {
    resetDb()
    resetFixtureSequence()
  },
  /**
   * Signs a user in as a previous visit would have: issues a token and stores it (and the user)
   * in localStorage where the auth store reads them. Returns the token.
   */
  signedIn(username = 'admin'): string {
    const token = issueToken(username)
    localStorage.setItem('auth-token', token)
    localStorage.setItem('auth-user', JSON.stringify(findUser(username)))
    return token
  },
  /**
   * Stores notifications on the server for a user (default admin), oldest first as they would have
   * arrived; returns them as stored, with the ids the server gave them.
   */
  notifications(items: Notification[], username = 'admin'): Notification[] {
    return items.map(item => storeNotification(username, item))
  },
  /** Stores `count` fresh unread notifications for a user; returns them as stored. */
  unread(count: number, username = 'admin'): Notification[] {
    return seed.notifications(Array.from({ length: count }, () => notificationFixture()), username)
  },
  /** Marks stored notifications read on the server and pushes nothing, as when the push was lost. */
  readWithoutPush(ids: string[], username = 'admin'): void {
    for (const id of ids) {
      if (!db.notifications.markRead(username, id))
        throw new Error(`${username} has no notification ${id} in the msw data set`)
    }
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
