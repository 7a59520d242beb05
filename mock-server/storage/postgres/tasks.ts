// Tasks in PostgreSQL: the same behaviour as ../tasks.ts. The unfinished-task cap takes a per-user
// transaction lock before it counts, so two processes starting a task for one user at once take turns.
import { FINISHED, MAX_TASKS_PER_USER, toParams, toRecord, UNFINISHED, type TaskRow, type TaskStore } from '../tasks'
import { transaction, type Pool } from './pool'

const INSERT = `INSERT INTO tasks (task_id, user_id, symbol, steps, step_ms, fail_at_step, status, message, step, progress,
  result, error, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`

export function createPostgresTaskStore(pool: Pool): TaskStore {
  return {
    insert: (task, maxUnfinished = Infinity) => transaction(pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('tidings:tasks:' || $1))`, [task.user])
      if (maxUnfinished !== Infinity) {
        const { rows } = await client.query<{ count: number }>(`SELECT count(*) AS count FROM tasks WHERE user_id = $1 AND status ${UNFINISHED}`, [task.user])
        if (rows[0]!.count >= maxUnfinished)
          return false
      }
      const p = toParams(task)
      await client.query(INSERT, [p.task_id, p.user_id, p.symbol, p.steps, p.step_ms, p.fail_at_step, p.status, p.message,
        p.step, p.progress, p.result, p.error, p.created_at, p.updated_at])
      // Only finished tasks age out: a running one must stay reachable however many were started since.
      await client.query(`DELETE FROM tasks WHERE user_id = $1 AND status IN ${FINISHED} AND seq <= (
        SELECT seq FROM tasks WHERE user_id = $1 AND status IN ${FINISHED} ORDER BY seq DESC LIMIT 1 OFFSET ${MAX_TASKS_PER_USER})`, [task.user])
      return true
    }),

    async update(task) {
      const p = toParams(task)
      await pool.query(`UPDATE tasks SET status = $2, message = $3, step = $4, progress = $5, result = $6, error = $7,
        updated_at = $8 WHERE task_id = $1`, [p.task_id, p.status, p.message, p.step, p.progress, p.result, p.error, p.updated_at])
    },

    async get(taskId) {
      const { rows } = await pool.query<TaskRow>('SELECT * FROM tasks WHERE task_id = $1', [taskId])
      return rows[0] ? toRecord(rows[0]) : null
    },

    async list({ userId, symbol, limit }) {
      const where: string[] = []
      const params: unknown[] = []
      if (userId !== null) {
        params.push(userId)
        where.push(`user_id = $${params.length}`)
      }
      if (symbol) {
        params.push(symbol)
        where.push(`symbol = $${params.length}`)
      }
      params.push(limit)
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const { rows } = await pool.query<TaskRow>(`SELECT * FROM tasks ${clause} ORDER BY seq DESC LIMIT $${params.length}`, params)
      return rows.map(toRecord)
    },

    async unfinishedOf(userId) {
      const { rows } = await pool.query<TaskRow>(`SELECT * FROM tasks WHERE user_id = $1 AND status ${UNFINISHED} ORDER BY seq`, [userId])
      return rows.map(toRecord)
    },

    async failUnfinished(reason) {
      const { rowCount } = await pool.query(`UPDATE tasks SET status = 'error', error = $1, message = $1, updated_at = $2
        WHERE status ${UNFINISHED}`, [reason, new Date().toISOString()])
      return rowCount ?? 0
    },

    async failStale(reason, graceMs) {
      const now = new Date().toISOString()
      const { rows } = await pool.query<TaskRow>(`UPDATE tasks SET status = 'error', error = $1, message = $1, updated_at = $2
        WHERE status ${UNFINISHED}
        AND extract(epoch FROM ($2::timestamptz - updated_at::timestamptz)) * 1000 > step_ms + $3 RETURNING *`, [reason, now, graceMs])
      return rows.map(toRecord)
    },
  }
}
