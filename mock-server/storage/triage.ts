// Triage state of notifications (SPEC §3): unread again, done (archived), snoozed, and bulk actions.
// Every change is one UPDATE … RETURNING, so the caller gets the rows exactly as stored and the
// triggers of migration 4 keep the inbox's unread count. A user only ever reaches their own rows: the
// user id is part of every WHERE, so another user's id is simply not found.
import type { BulkAction, Notification } from '../../src/protocol'
import type { Db } from './db'
import type { Synchronous } from './storage'
import { NOTIFICATION_COLUMNS, rowId, toNotification, type NotificationRow } from './notifications'

/** What a single-item action did: the item as it now is, and whether anything changed (else nothing is pushed). */
export interface TriageResult {
  notification: Notification
  changed: boolean
}

/** A snooze whose end has come (or will), as the wake scheduler sees it. */
export interface DueWake {
  id: number
  userId: string
  /** ms since the epoch */
  until: number
}

export interface TriageStore {
  /** null when the user has no such notification (also for another user's id). */
  markUnread: (userId: string, id: string) => Promise<TriageResult | null>
  /** Done: archived and read; a snooze it had is over. */
  archive: (userId: string, id: string) => Promise<TriageResult | null>
  /** Back in the inbox, still read. */
  unarchive: (userId: string, id: string) => Promise<TriageResult | null>
  /** Hidden until `untilMs` (out of the done view too). */
  snooze: (userId: string, id: string, untilMs: number) => Promise<TriageResult | null>
  /** Ends a snooze now: back in the inbox, unread. Unchanged when it was not snoozed. */
  unsnooze: (userId: string, id: string) => Promise<TriageResult | null>
  /** Applies a non-delete action to the user's rows among `ids`; returns those that changed. */
  bulkUpdate: (userId: string, ids: readonly string[], action: Exclude<BulkAction, 'delete'>) => Promise<Notification[]>
  /** Deletes the user's rows among `ids`; returns the ids deleted. */
  bulkDelete: (userId: string, ids: readonly string[]) => Promise<string[]>
  /** The earliest snooze end of any user (ms), or null when nothing is snoozed. */
  nextWake: () => Promise<number | null>
  /** Snoozes of any user ending at or before `nowMs`, earliest first (at most `limit`). */
  dueWakes: (nowMs: number, limit: number) => Promise<DueWake[]>
  /**
   * Ends one snooze if it is still the one that was due (same id, same end): the row becomes unread in
   * the inbox. Atomic in the shared database, so among processes only the one whose UPDATE changed the
   * row gets it back (and pushes it); the others get null.
   */
  claimWake: (wake: DueWake) => Promise<Notification | null>
}

export type SqliteTriageStore = Synchronous<TriageStore>

export const SET_BY_ACTION: Record<Exclude<BulkAction, 'delete'>, { set: string, changes: string }> = {
  read: { set: `status = 'read'`, changes: `status != 'read'` },
  unread: { set: `status = 'unread'`, changes: `status != 'unread'` },
  archive: { set: `archived = 1, status = 'read', snoozed_until = NULL`, changes: `archived = 0 OR status != 'read' OR snoozed_until IS NOT NULL` },
  unarchive: { set: 'archived = 0', changes: 'archived = 1' },
}

export function createTriageStore(db: Db): SqliteTriageStore {
  const getOne = db.prepare(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = ? AND id = ?`)
  const update = (action: Exclude<BulkAction, 'delete'>) => db.prepare<[string, number], NotificationRow>(
    `UPDATE notifications SET ${SET_BY_ACTION[action].set}
     WHERE user_id = ? AND id = ? AND (${SET_BY_ACTION[action].changes}) RETURNING ${NOTIFICATION_COLUMNS}`)
  const updates = { read: update('read'), unread: update('unread'), archive: update('archive'), unarchive: update('unarchive') }
  const snoozeOne = db.prepare(`UPDATE notifications SET snoozed_until = @until, archived = 0
    WHERE user_id = @userId AND id = @id RETURNING ${NOTIFICATION_COLUMNS}`)
  const unsnoozeOne = db.prepare(`UPDATE notifications SET snoozed_until = NULL, status = 'unread'
    WHERE user_id = ? AND id = ? AND snoozed_until IS NOT NULL RETURNING ${NOTIFICATION_COLUMNS}`)
  const deleteOne = db.prepare('DELETE FROM notifications WHERE user_id = ? AND id = ? RETURNING id').pluck()
  const nearest = db.prepare('SELECT min(snoozed_until) FROM notifications WHERE snoozed_until IS NOT NULL').pluck()
  const due = db.prepare(`SELECT id, user_id AS userId, snoozed_until AS until FROM notifications
    WHERE snoozed_until IS NOT NULL AND snoozed_until <= ? ORDER BY snoozed_until LIMIT ?`)
  const claim = db.prepare(`UPDATE notifications SET snoozed_until = NULL, status = 'unread'
    WHERE id = ? AND snoozed_until = ? RETURNING ${NOTIFICATION_COLUMNS}`)

  /** Runs an UPDATE … RETURNING on one of the user's rows; an unchanged row is read as it is. */
  function change(userId: string, id: string, run: (numeric: number) => NotificationRow | undefined): TriageResult | null {
    const numeric = rowId(id)
    if (numeric === null)
      return null
    const changed = run(numeric)
    if (changed)
      return { notification: toNotification(changed), changed: true }
    const current = getOne.get(userId, numeric) as NotificationRow | undefined
    return current ? { notification: toNotification(current), changed: false } : null
  }

  const ownedIds = (ids: readonly string[]) => [...new Set(ids)].map(rowId).filter((id): id is number => id !== null)

  const bulkUpdate = db.transaction((userId: string, ids: readonly string[], action: Exclude<BulkAction, 'delete'>) =>
    ownedIds(ids)
      .map(id => updates[action].get(userId, id) as NotificationRow | undefined)
      .filter((row): row is NotificationRow => row !== undefined)
      .map(toNotification))

  const bulkDelete = db.transaction((userId: string, ids: readonly string[]) =>
    ownedIds(ids).filter(id => deleteOne.get(userId, id) !== undefined).map(String))

  return {
    markUnread: (userId, id) => change(userId, id, numeric => updates.unread.get(userId, numeric) as NotificationRow | undefined),
    archive: (userId, id) => change(userId, id, numeric => updates.archive.get(userId, numeric) as NotificationRow | undefined),
    unarchive: (userId, id) => change(userId, id, numeric => updates.unarchive.get(userId, numeric) as NotificationRow | undefined),
    // Always written: a new end replaces the old one (and re-arms the wake).
    snooze: (userId, id, untilMs) => change(userId, id, numeric => snoozeOne.get({ userId, id: numeric, until: untilMs }) as NotificationRow | undefined),
    unsnooze: (userId, id) => change(userId, id, numeric => unsnoozeOne.get(userId, numeric) as NotificationRow | undefined),
    bulkUpdate: (userId, ids, action) => bulkUpdate(userId, ids, action),
    bulkDelete: (userId, ids) => bulkDelete(userId, ids),
    nextWake: () => (nearest.get() as number | null) ?? null,
    dueWakes: (nowMs, limit) => due.all(nowMs, limit) as DueWake[],
    claimWake: (wake) => {
      const row = claim.get(wake.id, wake.until) as NotificationRow | undefined
      return row ? toNotification(row) : null
    },
  }
}
