// Notifications in PostgreSQL: the same behaviour as ../notifications.ts. A create is one INSERT; its
// count trigger holds the user's count row until commit and prunes past the per-user cap, so concurrent
// writers for one user (any process) take turns and a user never holds more than the cap.
import type { NotificationPage } from '../../../src/protocol'
import { NOTIFICATION_COLUMNS, rowId, storedTextKeys, toNotification, type NewNotification, type NotificationRow, type NotificationStore } from '../notifications'
import type { Pool } from './pool'

const columns = NOTIFICATION_COLUMNS

const VIEW_CONDITION = {
  inbox: 'archived = 0 AND snoozed_until IS NULL',
  archived: 'archived = 1',
  snoozed: 'archived = 0 AND snoozed_until IS NOT NULL',
  all: null,
} as const

export function createPostgresNotificationStore(pool: Pool): NotificationStore {
  return {
    async create(userIds, input: NewNotification) {
      // Every row in one statement (atomic, one round trip): ids are drawn in the order of `userIds`, and
      // the count trigger prunes past the cap in the same statement (migrations.ts).
      const { rows } = await pool.query<NotificationRow>({
        name: 'tidings-notifications-insert',
        text: `INSERT INTO notifications (user_id, title, content, type, link, source, created_at, text_keys)
          SELECT recipient, $2, $3, $4, $5, $6, $7, $8 FROM unnest($1::text[]) WITH ORDINALITY AS r(recipient, position)
          ORDER BY position RETURNING ${columns}`,
        values: [userIds, input.title, input.content, input.type, input.link ?? null, input.source ?? null, new Date().toISOString(), storedTextKeys(input)],
      })
      return rows.sort((a, b) => a.id - b.id).map(toNotification)
    },

    async list(userId, { status, type, page, pageSize, view = 'all', q, afterId }): Promise<NotificationPage> {
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
      if (afterId !== undefined) {
        params.push(afterId)
        where.push(`id > $${params.length}`)
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
