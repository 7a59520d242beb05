// Notifications per user. Ids are the SQLite rowid as a decimal string: AUTOINCREMENT never reuses
// one, so "ids greater than N" is exactly what an SSE client with Last-Event-ID N missed.
import {
  MAX_NOTIFICATIONS_PER_USER,
  type CreateNotificationRequest,
  type Notification,
  type NotificationPage,
  type NotificationStatus,
  type NotificationType,
  type NotificationView,
} from '../../src/protocol'
import type { Db } from './db'
import { createReadMemo } from './readMemo'
import type { Synchronous } from './storage'

type Statement = ReturnType<Db['prepare']>

export type NewNotification = Omit<CreateNotificationRequest, 'user'>

export interface NotificationFilter {
  status?: NotificationStatus
  type?: NotificationType
  page: number
  pageSize: number
  /** Which part of the inbox (SPEC §3.2); a store that predates triage lists everything. */
  view?: NotificationView
  /** Case-insensitive text to find in the title or content. */
  q?: string
  /** Only ids above this one (the conditional resync: what a client holding it missed). */
  afterId?: number
}

export interface NotificationStore {
  /** Stores one notification per user (in one transaction) and returns them in the same order. */
  create: (userIds: string[], input: NewNotification) => Promise<Notification[]>
  list: (userId: string, filter: NotificationFilter) => Promise<NotificationPage>
  /** The user's notification, or null (also for another user's id). */
  get: (userId: string, id: string) => Promise<Notification | null>
  /** Unread items in the inbox (not archived, not snoozed). */
  unreadCount: (userId: string) => Promise<number>
  /** false when the user has no such notification. */
  markRead: (userId: string, id: string) => Promise<boolean>
  /** Number of notifications that changed from unread to read. */
  markAllRead: (userId: string) => Promise<number>
  /** false when the user has no such notification. */
  remove: (userId: string, id: string) => Promise<boolean>
  /** The user's notifications created after `afterId`, oldest first (SSE replay). */
  after: (userId: string, afterId: number) => Promise<Notification[]>
}

/** The SQLite store answers at once (the msw data set of the app tests uses it so). */
export type SqliteNotificationStore = Synchronous<NotificationStore>

export interface NotificationRow {
  id: number
  title: string
  content: string
  type: NotificationType
  link: string | null
  source: string | null
  created_at: string
  status: NotificationStatus
  archived: 0 | 1
  /** When the snooze ends, in ms since the epoch. */
  snoozed_until: number | null
  /** JSON of the text keys and params (v1.2), or null for a text without keys. */
  text_keys: string | null
}

export const NOTIFICATION_COLUMNS = 'id, title, content, type, link, source, created_at, status, archived, snoozed_until, text_keys'

type TextKeys = Pick<Notification, 'title_key' | 'content_key' | 'params'>

/** The keys of a new notification as stored (null when it has none). */
/** The keys and params of a new notification as the `text_keys` column holds them (JSON), or null. */
export function storedTextKeys(input: NewNotification): string | null {
  const keys: TextKeys = {}
  if (input.title_key)
    keys.title_key = input.title_key
  if (input.content_key)
    keys.content_key = input.content_key
  if (input.params && Object.keys(input.params).length)
    keys.params = input.params
  return Object.keys(keys).length ? JSON.stringify(keys) : null
}
const columns = NOTIFICATION_COLUMNS

export function toNotification({ text_keys: textKeys, ...row }: NotificationRow): Notification {
  return {
    ...row,
    id: String(row.id),
    archived: row.archived === 1,
    snoozed_until: row.snoozed_until === null ? null : new Date(row.snoozed_until).toISOString(),
    ...(textKeys === null ? {} : JSON.parse(textKeys) as TextKeys),
  }
}
type Row = NotificationRow

/** A row read as an array of NOTIFICATION_COLUMNS, in that order (`raw` statements). */
type RawRow = [number, string, string, NotificationType, string | null, string | null, string, NotificationStatus, 0 | 1, number | null, string | null]

/**
 * `toNotification` of a row read as an array: the same object, keys in the same order, built in one
 * step. A list of 100 costs about half as much as rows read as objects and copied (the resync of a
 * reconnect storm spends a quarter of the server's time listing).
 */
export function toNotificationFromColumns(row: RawRow): Notification {
  const notification: Notification = {
    id: String(row[0]),
    title: row[1],
    content: row[2],
    type: row[3],
    link: row[4],
    source: row[5],
    created_at: row[6],
    status: row[7],
    archived: row[8] === 1,
    snoozed_until: row[9] === null ? null : new Date(row[9]).toISOString(),
  }
  return row[10] === null ? notification : Object.assign(notification, JSON.parse(row[10]) as TextKeys)
}

/** The SQL condition of each view (SPEC §3.1: in the inbox = not archived and not snoozed). */
const VIEW_CONDITION: Record<NotificationView, string | null> = {
  inbox: 'archived = 0 AND snoozed_until IS NULL',
  archived: 'archived = 1',
  snoozed: 'archived = 0 AND snoozed_until IS NOT NULL',
  all: null,
}

/** SQLite's LIKE folds ASCII case only; a search with other cased letters is matched in JS instead. */
const FOLDED_BY_LIKE = /^[\u0000-\u007F]*$/
export function hasCaseBeyondAscii(text: string): boolean {
  return !FOLDED_BY_LIKE.test(text) && text.toLowerCase() !== text.toUpperCase()
}

/** A decimal id as stored, or null for anything else (so "abc" is simply not found). */
export function rowId(id: string): number | null {
  return /^\d{1,15}$/.test(id) ? Number(id) : null
}

export function createNotificationStore(db: Db): SqliteNotificationStore {
  const insert = db.prepare(`INSERT INTO notifications (user_id, title, content, type, link, source, created_at, text_keys)
    VALUES (@userId, @title, @content, @type, @link, @source, @createdAt, @textKeys) RETURNING ${columns}`)
  // Keep the newest MAX_NOTIFICATIONS_PER_USER. The count is kept by triggers (db.ts), so the usual case,
  // at or under the cap, costs one lookup; over it, the oldest extra rows go (one, after one insert).
  const storedCount = db.prepare('SELECT stored FROM notification_counts WHERE user_id = ?').pluck()
  // Everything at or below the user's `excess`-th oldest id (an index seek, then a short walk).
  const dropOldest = db.prepare(`DELETE FROM notifications WHERE user_id = @userId AND id <= (
    SELECT id FROM notifications WHERE user_id = @userId ORDER BY id LIMIT 1 OFFSET @excess - 1)`)
  function prune(userId: string): void {
    const stored = (storedCount.get(userId) as number | undefined) ?? 0
    if (stored > MAX_NOTIFICATIONS_PER_USER)
      dropOldest.run({ userId, excess: stored - MAX_NOTIFICATIONS_PER_USER })
  }
  // Kept by the triggers of migration 4 on every insert, delete and change of status, archived or snooze.
  const unread = db.prepare('SELECT unread_inbox FROM notification_counts WHERE user_id = ?').pluck()
  // Case folding beyond ASCII (é, Ä, Ж…), for searches LIKE cannot fold.
  db.function('contains_folded', { deterministic: true }, (text: unknown, needle: unknown) =>
    String(text).toLowerCase().includes(String(needle)) ? 1 : 0)
  const readOne = db.prepare(`UPDATE notifications SET status = 'read' WHERE user_id = ? AND id = ?`)
  const exists = db.prepare('SELECT 1 FROM notifications WHERE user_id = ? AND id = ?').pluck()
  const getOne = db.prepare(`SELECT ${columns} FROM notifications WHERE user_id = ? AND id = ?`)
  const readAll = db.prepare(`UPDATE notifications SET status = 'read' WHERE user_id = ? AND status = 'unread'`)
  const removeOne = db.prepare('DELETE FROM notifications WHERE user_id = ? AND id = ?')
  const newer = db.prepare(`SELECT ${columns} FROM notifications WHERE user_id = ? AND id > ? ORDER BY id`)

  const createAll = db.transaction((userIds: string[], input: NewNotification) => {
    const createdAt = new Date().toISOString()
    const textKeys = storedTextKeys(input)
    return userIds.map((userId) => {
      const row = insert.get({
        userId,
        title: input.title,
        content: input.content,
        type: input.type,
        link: input.link ?? null,
        source: input.source ?? null,
        createdAt,
        textKeys,
      }) as Row
      prune(userId)
      return toNotification(row)
    })
  })

  // The list's two statements per combination of filters (a few dozen at most), prepared once: preparing
  // them per request cost a reconnect storm a fifth of the list's time.
  const listCache = new Map<string, { count: Statement, select: Statement }>()
  function listStatements(clause: string): { count: Statement, select: Statement } {
    let statements = listCache.get(clause)
    if (!statements) {
      statements = {
        count: db.prepare(`SELECT count(*) FROM notifications WHERE ${clause}`).pluck(),
        select: db.prepare(`SELECT ${columns} FROM notifications WHERE ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`).raw(true),
      }
      listCache.set(clause, statements)
    }
    return statements
  }

  const listMemo = createReadMemo(db)

  return {
    create: (userIds, input) => createAll(userIds, input),

    list(userId, { status, type, page, pageSize, view = 'all', q, afterId }) {
      const where = ['user_id = @userId']
      const filters: Record<string, string | number> = { userId }
      const viewCondition = VIEW_CONDITION[view]
      if (viewCondition)
        where.push(viewCondition)
      if (q) {
        if (hasCaseBeyondAscii(q)) {
          where.push('(contains_folded(title, @q) OR contains_folded(content, @q))')
          filters.q = q.toLowerCase()
        }
        else {
          where.push(`(title LIKE @q ESCAPE '\\' OR content LIKE @q ESCAPE '\\')`)
          filters.q = `%${q.replace(/[\\%_]/g, match => `\\${match}`)}%`
        }
      }
      if (status) {
        where.push('status = @status')
        filters.status = status
      }
      if (type) {
        where.push('type = @type')
        filters.type = type
      }
      if (afterId !== undefined) {
        where.push('id > @afterId')
        filters.afterId = afterId
      }
      const clause = where.join(' AND ')
      const { count, select } = listStatements(clause)
      const bounds = { ...filters, limit: pageSize, offset: (page - 1) * pageSize }
      // Frozen: the same answer may go to many callers.
      return listMemo.read(`${clause}\n${JSON.stringify(bounds)}`, () => {
        const total = count.get(filters) as number
        const rows = select.all(bounds) as RawRow[]
        const items = rows.map(toNotificationFromColumns)
        for (const item of items)
          Object.freeze(item)
        Object.freeze(items)
        return Object.freeze({ items, total, page, page_size: pageSize })
      })
    },

    get(userId, id) {
      const numeric = rowId(id)
      const row = numeric === null ? undefined : getOne.get(userId, numeric) as Row | undefined
      return row ? toNotification(row) : null
    },

    unreadCount: userId => (unread.get(userId) as number | undefined) ?? 0,

    markRead(userId, id) {
      const numeric = rowId(id)
      if (numeric === null)
        return false
      // Reading an already-read notification is fine (idempotent), so test existence, not changes.
      readOne.run(userId, numeric)
      return exists.get(userId, numeric) !== undefined
    },

    markAllRead: userId => readAll.run(userId).changes,

    remove(userId, id) {
      const numeric = rowId(id)
      return numeric !== null && removeOne.run(userId, numeric).changes > 0
    },

    after: (userId, afterId) => (newer.all(userId, afterId) as Row[]).map(toNotification),
  }
}
