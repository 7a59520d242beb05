// Triage in PostgreSQL: the same UPDATE … RETURNING statements as ../triage.ts. Under READ COMMITTED a
// second UPDATE of a row waits for the first and re-checks its WHERE on the new row, so the wake claim
// (`… WHERE id = $1 AND snoozed_until = $2`) changes the row for exactly one of several processes.
import type { BulkAction, Notification } from '../../../src/protocol'
import { NOTIFICATION_COLUMNS, rowId, toNotification, type NotificationRow } from '../notifications'
import { SET_BY_ACTION, type DueWake, type TriageResult, type TriageStore } from '../triage'
import { transaction, type Pool } from './pool'

const columns = NOTIFICATION_COLUMNS

export function createPostgresTriageStore(pool: Pool): TriageStore {
  async function one(sql: string, params: unknown[]): Promise<NotificationRow | undefined> {
    return (await pool.query<NotificationRow>(sql, params)).rows[0]
  }

  /** Runs an UPDATE … RETURNING on one of the user's rows; an unchanged row is read as it is. */
  async function change(userId: string, id: string, sql: string, extra: unknown[] = []): Promise<TriageResult | null> {
    const numeric = rowId(id)
    if (numeric === null)
      return null
    const changed = await one(sql, [userId, numeric, ...extra])
    if (changed)
      return { notification: toNotification(changed), changed: true }
    const current = await one(`SELECT ${columns} FROM notifications WHERE user_id = $1 AND id = $2`, [userId, numeric])
    return current ? { notification: toNotification(current), changed: false } : null
  }

  const updateSql = (action: Exclude<BulkAction, 'delete'>, idCondition: string) => `UPDATE notifications
    SET ${SET_BY_ACTION[action].set} WHERE user_id = $1 AND ${idCondition} AND (${SET_BY_ACTION[action].changes}) RETURNING ${columns}`

  const ownedIds = (ids: readonly string[]) => [...new Set(ids)].map(rowId).filter((id): id is number => id !== null)
  /** Rows in the order their ids were asked for (as SQLite's one-by-one loop answers them). */
  const inOrder = <T>(ids: number[], rows: T[], idOf: (row: T) => number) => {
    const position = new Map(ids.map((id, index) => [id, index]))
    return rows.sort((a, b) => position.get(idOf(a))! - position.get(idOf(b))!)
  }

  return {
    markUnread: (userId, id) => change(userId, id, updateSql('unread', 'id = $2')),
    archive: (userId, id) => change(userId, id, updateSql('archive', 'id = $2')),
    unarchive: (userId, id) => change(userId, id, updateSql('unarchive', 'id = $2')),
    snooze: (userId, id, untilMs) => change(userId, id, `UPDATE notifications SET snoozed_until = $3, archived = 0
      WHERE user_id = $1 AND id = $2 RETURNING ${columns}`, [untilMs]),
    unsnooze: (userId, id) => change(userId, id, `UPDATE notifications SET snoozed_until = NULL, status = 'unread'
      WHERE user_id = $1 AND id = $2 AND snoozed_until IS NOT NULL RETURNING ${columns}`),

    bulkUpdate: (userId, ids, action) => transaction(pool, async (client) => {
      const owned = ownedIds(ids)
      const { rows } = await client.query<NotificationRow>(updateSql(action, 'id = ANY($2::bigint[])'), [userId, owned])
      return inOrder(owned, rows, row => row.id).map(toNotification)
    }),

    async bulkDelete(userId, ids) {
      const owned = ownedIds(ids)
      const { rows } = await pool.query<{ id: number }>('DELETE FROM notifications WHERE user_id = $1 AND id = ANY($2::bigint[]) RETURNING id', [userId, owned])
      return inOrder(owned, rows, row => row.id).map(row => String(row.id))
    },

    async nextWake() {
      const { rows } = await pool.query<{ next: number | null }>('SELECT min(snoozed_until) AS next FROM notifications WHERE snoozed_until IS NOT NULL')
      return rows[0]?.next ?? null
    },

    async dueWakes(nowMs, limit) {
      const { rows } = await pool.query<DueWake>(`SELECT id, user_id AS "userId", snoozed_until AS until FROM notifications
        WHERE snoozed_until IS NOT NULL AND snoozed_until <= $1 ORDER BY snoozed_until LIMIT $2`, [nowMs, limit])
      return rows
    },

    async claimWake(wake): Promise<Notification | null> {
      const row = await one(`UPDATE notifications SET snoozed_until = NULL, status = 'unread'
        WHERE id = $1 AND snoozed_until = $2 RETURNING ${columns}`, [wake.id, wake.until])
      return row ? toNotification(row) : null
    },
  }
}
