// Each user keeps their newest finished tasks; a task still running is never the one that goes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import type { RunningServer } from '../../mock-server/app'
import { MAX_TASKS_PER_USER } from '../../mock-server/storage/tasks'
import { MessageType, Paths, type TaskInfo } from '../../src/protocol'
import { taskInput } from './support/factories'
import { api, login, startTestServer, wsUrl } from './support/server'
import { TestSocket } from './support/socket'

const folder = mkdtempSync(join(tmpdir(), 'tidings-task-retention-'))
let server: RunningServer | null = null
afterAll(async () => {
  await server?.close()
  rmSync(folder, { recursive: true, force: true })
})

/** Finished tasks written straight into the file, as if the user had run them one after another. */
function addFinishedTasks(dbPath: string, userId: string, count: number): void {
  const db = new Database(dbPath)
  const insert = db.prepare(`INSERT INTO tasks (task_id, user_id, symbol, steps, step_ms, fail_at_step, status, message,
    step, progress, result, error, created_at, updated_at) VALUES (?, ?, '000002', '["x"]', 10, NULL, 'completed', '分析完成',
    1, 100, NULL, NULL, ?, ?)`)
  const now = new Date().toISOString()
  db.transaction(() => {
    for (let i = 0; i < count; i++)
      insert.run(`finished-${i}`, userId, now, now)
  })()
  db.close()
}

test('a task still running when the user passes the finished-task limit completes and can still be opened', async () => {
  const dbPath = join(folder, 'tasks.db')
  server = await startTestServer({ dbPath })
  const token = await login(server, 'user1')
  const slow = (await api<TaskInfo>(server, 'POST', Paths.tasks, { token, body: taskInput({ steps: ['慢步骤'], step_ms: 1500 }) })).body.data!
  const watcher = new TestSocket(wsUrl(server, Paths.taskSocket(slow.task_id), token))

  addFinishedTasks(dbPath, 'user1', MAX_TASKS_PER_USER)
  // The next task makes the store trim the user's tasks to the limit.
  expect((await api(server, 'POST', Paths.tasks, { token, body: taskInput() })).status).toBe(201)

  await watcher.next(MessageType.Completed)
  const opened = await api<TaskInfo>(server, 'GET', Paths.task(slow.task_id), { token })
  expect(opened.status).toBe(200)
  expect(opened.body.data).toMatchObject({ status: 'completed', progress: 100, result: expect.objectContaining({ symbol: '000001' }) })
})
