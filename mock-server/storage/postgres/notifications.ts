// Notifications in PostgreSQL: the same behaviour as ../notifications.ts. An insert and the prune past
// the per-user cap are one transaction; the count trigger's upsert holds the user's count row until
// commit, so concurrent writers for one user (any process) take turns and the cap is never exceeded.
import { MAX_NOTIFICATIONS_PER_USER, type NotificationPage } from '../../../src/protocol'
import { NOTIFICATION_COLUMNS, rowId, toNotification, type NewNotification, type NotificationRow, type NotificationStore } from '../notifications'
import { transaction, type Pool } from './pool'

const columns = NOTIFICATION_COLUMNS

const VIEW_CONDITION = {
  inbox: 'archived = 0 AND snoozed_until IS NULL',
  archived: 'archived = 1',
  snoozed: 'archived = 0 AND snoozed_until IS NOT NULL',
  all: null,
} as const

export function createPostgresNotificationStore(pool: Pool): NotificationStore {
  return {
    create: (userIds, input: NewNotification) => transaction(pool, async (client) => {
      const createdAt = new Date().toISOString()
      const created = []
      for (const userId of userIds) {
        const { rows } = await client.query<NotificationRow>(
          `INSERT INTO notifications (user_id, title, content, type, link, source, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
          [userId, input.title, input.content, input.type, input.link ?? null, input.source ?? null, createdAt],
        )
        // Read after the trigger's upsert: this transaction holds the row, so the count is exact.
        const counted = await client.query<{ stored: number }>('SELECT stored FROM notification_counts WHERE user_id = $1', [userId])
        const stored = counted.rows[0]?.stored ?? 0
        if (stored > MAX_NOTIFICATIONS_PER_USER) {
          await client.query(`DELETE FROM notifications WHERE user_id = $1 AND id <= (
            SELECT id FROM notifications WHERE user_id = $1 ORDER BY id LIMIT 1 OFFSET $2 - 1)`, [userId, stored - MAX_NOTIFICATIONS_PER_USER])
        }
        created.push(toNotification(rows[0]!))
      }
      return created
    }),

    async list(userId, { status, type, page, pageSize, view = 'all', q }): Promise<NotificationPage> {
      const where = ['user_id = $1']
      const params: unknown[] = [userId]
      const viewCondition = VIEW_CONDITION[view]
      if (viewCondition)
        where.push(viewCondition)
      if (q) {
        // lower() under ICU's root collation folds every cased letter (é, Ä, Ж…) whatever locale the
        // database was created with (under C it folds ASCII only); `\` escapes LIKE's wildcards.
        params.push(`%${q.toLowerCase().replace(/[\\%_]/g, match => `\\${match}`)}%`)
        const folded = (column: string) => `lower(${column} COLLATE "und-x-icu") LIKE $${params.length}`
        where.push(`(${folded('title')} OR ${folded('content')})`)
      }
      if (status) {
        params.push(status)
        where.push(`status = $${params.length}`)
      }
      if (type) {
        params.push(type)
        where.push(`type = $${params.length}`)
      }
      const clause = where.join(' AND ')
      const [counted, listed] = await Promise.all([
        pool.query<{ total: number }>(`SELECT count(*) AS total FROM notifications WHERE ${clause}`, params),
        pool.query<NotificationRow>(`SELECT ${columns} FROM notifications WHERE ${clause} ORDER BY id DESC
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, pageSize, (page - 1) * pageSize]),
      ])
      return { items: listed.rows.map(toNotification), total: counted.rows[0]!.total, page, page_size: pageSize }
    },

    async get(userId, id) {
      const numeric = rowId(id)
      if (numeric === null)
        return null
      const { rows } = await pool.query<NotificationRow>(`SELECT ${columns} FROM notifications WHERE user_id = $1 AND id = $2`, [userId, numeric])
      return rows[0] ? toNotification(rows[0]) : null
    },

    async unreadCount(userId) {
      const { rows } = await pool.query<{ unread_inbox: number }>('SELECT unread_inbox FROM notification_counts WHERE user_id = $1', [userId])
      return rows[0]?.unread_inbox ?? 0
    },

    async markRead(userId, id) {
      const numeric = rowId(id)
      if (numeric === null)
        return false
      // Reading an already-read notification is fine (idempotent): found is what counts, not changed.
      const { rows } = await pool.query(`WITH changed AS (UPDATE notifications SET status = 'read'
        WHERE user_id = $1 AND id = $2 AND status <> 'read' RETURNING id)
        SELECT 1 FROM notifications WHERE user_id = $1 AND id = $2`, [userId, numeric])
      return rows.length > 0
    },

    async markAllRead(userId) {
      const { rowCount } = await pool.query(`UPDATE notifications SET status = 'read' WHERE user_id = $1 AND status = 'unread'`, [userId])
      return rowCount ?? 0
    },

    async remove(userId, id) {
      const numeric = rowId(id)
      if (numeric === null)
        return false
      const { rowCount } = await pool.query('DELETE FROM notifications WHERE user_id = $1 AND id = $2', [userId, numeric])
      return (rowCount ?? 0) > 0
    },

    async after(userId, afterId) {
      const { rows } = await pool.query<NotificationRow>(`SELECT ${columns} FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id`, [userId, afterId])
      return rows.map(toNotification)
    },
  }
}
