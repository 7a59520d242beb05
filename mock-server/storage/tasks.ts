// Analysis tasks, so a finished result (the stock page's "latest analysis") survives a restart.
// Rows are ordered by rowid, i.e. creation order.
import { FINISHED_TASK_STATUSES, type TaskInfo, type TaskStatus } from '../../src/protocol'
import type { Db } from './db'
import type { Synchronous } from './storage'

/** A task as stored: what the API shows plus how the simulator runs it. */
export interface TaskRecord extends TaskInfo {
  step_ms: number
  fail_at_step: number | null
}

export interface TaskQuery {
  /** Only this user's tasks; null for everyone's (admins). */
  userId: string | null
  symbol?: string
  limit: number
}

export interface TaskStore {
  /**
   * Stores a new task unless its user already has `maxUnfinished` pending or running ones (counting
   * every process's: the count and the insert are one write transaction); false when it was not stored.
   */
  insert: (task: TaskRecord, maxUnfinished?: number) => Promise<boolean>
  /** Writes the fields a running task changes. */
  update: (task: TaskRecord) => Promise<void>
  get: (taskId: string) => Promise<TaskRecord | null>
  /** Newest first. */
  list: (query: TaskQuery) => Promise<TaskRecord[]>
  /** The user's pending and running tasks (every process's, when they share the database). */
  unfinishedOf: (userId: string) => Promise<TaskRecord[]>
  /** Marks tasks left pending or running by a previous process as failed; returns how many. */
  failUnfinished: (reason: string) => Promise<number>
  /**
   * Marks failed the unfinished tasks nobody has advanced for a whole step plus `graceMs` (their process
   * died while other processes share the database); returns them.
   */
  failStale: (reason: string, graceMs: number) => Promise<TaskRecord[]>
}

/** The SQLite store answers at once (the msw data set of the app tests uses it so). */
export type SqliteTaskStore = Synchronous<TaskStore>

/** Finished tasks kept per user; older ones are dropped. */
export const MAX_TASKS_PER_USER = 200
export const FINISHED = `(${FINISHED_TASK_STATUSES.map(status => `'${status}'`).join(', ')})`
/** Pending or running: every status but the finished ones. */
export const UNFINISHED = `NOT IN ${FINISHED}`

export interface TaskRow {
  task_id: string
  user_id: string
  symbol: string
  steps: string
  step_ms: number
  fail_at_step: number | null
  status: TaskStatus
  message: string
  step: number
  progress: number
  result: string | null
  error: string | null
  created_at: string
  updated_at: string
}

export function toRecord(row: TaskRow): TaskRecord {
  const steps = JSON.parse(row.steps) as string[]
  const record: TaskRecord = {
    task_id: row.task_id,
    symbol: row.symbol,
    user: row.user_id,
    status: row.status,
    message: row.message,
    step: row.step,
    total_steps: steps.length,
    progress: row.progress,
    steps,
    created_at: row.created_at,
    updated_at: row.updated_at,
    step_ms: row.step_ms,
    fail_at_step: row.fail_at_step,
  }
  if (row.result !== null)
    record.result = JSON.parse(row.result) as Record<string, unknown>
  if (row.error !== null)
    record.error = row.error
  return record
}

export function toParams(task: TaskRecord) {
  return {
    task_id: task.task_id,
    user_id: task.user,
    symbol: task.symbol,
    steps: JSON.stringify(task.steps),
    step_ms: task.step_ms,
    fail_at_step: task.fail_at_step,
    status: task.status,
    message: task.message,
    step: task.step,
    progress: task.progress,
    result: task.result === undefined ? null : JSON.stringify(task.result),
    error: task.error ?? null,
    created_at: task.created_at,
    updated_at: task.updated_at,
  }
}

export function createTaskStore(db: Db): SqliteTaskStore {
  const insert = db.prepare(`INSERT INTO tasks (task_id, user_id, symbol, steps, step_ms, fail_at_step, status, message,
    step, progress, result, error, created_at, updated_at) VALUES (@task_id, @user_id, @symbol, @steps, @step_ms,
    @fail_at_step, @status, @message, @step, @progress, @result, @error, @created_at, @updated_at)`)
  // Only finished tasks age out: a running one must stay reachable (its socket, GET, and the link of the
  // notification its end will send), however many the user started since.
  const prune = db.prepare(`DELETE FROM tasks WHERE user_id = ? AND status IN ${FINISHED} AND rowid <= (
    SELECT rowid FROM tasks WHERE user_id = ? AND status IN ${FINISHED} ORDER BY rowid DESC LIMIT 1 OFFSET ${MAX_TASKS_PER_USER})`)
  const update = db.prepare(`UPDATE tasks SET status = @status, message = @message, step = @step, progress = @progress,
    result = @result, error = @error, updated_at = @updated_at WHERE task_id = @task_id`)
  const get = db.prepare('SELECT * FROM tasks WHERE task_id = ?')
  const unfinishedOf = db.prepare(`SELECT * FROM tasks WHERE user_id = ? AND status ${UNFINISHED}`)
  const failUnfinished = db.prepare(`UPDATE tasks SET status = 'error', error = @reason, message = @reason,
    updated_at = @now WHERE status ${UNFINISHED}`)
  const failStale = db.prepare(`UPDATE tasks SET status = 'error', error = @reason, message = @reason,
    updated_at = @now WHERE status ${UNFINISHED}
    AND (julianday(@now) - julianday(updated_at)) * 86400000 > step_ms + @graceMs RETURNING *`)

  const countUnfinished = db.prepare(`SELECT count(*) FROM tasks WHERE user_id = ? AND status ${UNFINISHED}`).pluck()
  const insertAndPrune = db.transaction((task: TaskRecord, maxUnfinished: number): boolean => {
    if (maxUnfinished !== Infinity && (countUnfinished.get(task.user) as number) >= maxUnfinished)
      return false
    insert.run(toParams(task))
    prune.run(task.user, task.user)
    return true
  })

  return {
    // IMMEDIATE: the write lock is taken before the count is read, so two processes cannot both pass it.
    insert: (task, maxUnfinished = Infinity) => insertAndPrune.immediate(task, maxUnfinished),
    update: (task) => {
      const { task_id, status, message, step, progress, result, error, updated_at } = toParams(task)
      update.run({ task_id, status, message, step, progress, result, error, updated_at })
    },
    get(taskId) {
      const row = get.get(taskId) as TaskRow | undefined
      return row ? toRecord(row) : null
    },
    list({ userId, symbol, limit }) {
      const where: string[] = []
      const params: Record<string, string | number> = { limit }
      if (userId !== null) {
        where.push('user_id = @userId')
        params.userId = userId
      }
      if (symbol) {
        where.push('symbol = @symbol')
        params.symbol = symbol
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const rows = db.prepare(`SELECT * FROM tasks ${clause} ORDER BY rowid DESC LIMIT @limit`).all(params) as TaskRow[]
      return rows.map(toRecord)
    },
    unfinishedOf: userId => (unfinishedOf.all(userId) as TaskRow[]).map(toRecord),
    failUnfinished: reason => failUnfinished.run({ reason, now: new Date().toISOString() }).changes,
    failStale: (reason, graceMs) => (failStale.all({ reason, graceMs, now: new Date().toISOString() }) as TaskRow[]).map(toRecord),
  }
}
