// Database files from earlier builds open with everything in them, brought to this build's schema; a
// file from a newer build is refused in one line rather than misread.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../../mock-server/storage/migrations'
import { Paths, type Notification, type NotificationPage } from '../../src/protocol'
import { runScript } from './support/process'
import { api, login, startTestServer } from './support/server'

const folder = mkdtempSync(join(tmpdir(), 'tidings-migrations-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** The schema every build wrote before its steps were numbered (as of commit ab7db99). */
const SCHEMA_BEFORE_NUMBERING = readFileSync(new URL('./fixtures/schema-before-migrations.sql', import.meta.url), 'utf8')

function tableNames(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true })
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]
  db.close()
  return names
}

function schemaVersion(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true })
  const version = db.pragma('user_version', { simple: true }) as number
  db.close()
  return version
}

test('a file made before the schema was numbered opens with its notifications, counts and tasks, at the newest schema', async () => {
  const dbPath = join(folder, 'before-numbering.db')
  const older = new Database(dbPath)
  older.exec(SCHEMA_BEFORE_NUMBERING)
  const insert = older.prepare(`INSERT INTO notifications (user_id, title, content, type, created_at, status) VALUES ('user1', ?, 'c', 'system', ?, ?)`)
  insert.run('旧的一条', new Date(Date.now() - 60_000).toISOString(), 'read')
  insert.run('旧的另一条', new Date().toISOString(), 'unread')
  older.prepare(`INSERT INTO tasks (task_id, user_id, symbol, steps, step_ms, status, message, step, progress, created_at, updated_at)
    VALUES ('old-task', 'user1', '000001', '["x"]', 10, 'completed', '分析完成', 1, 100, ?, ?)`).run(new Date().toISOString(), new Date().toISOString())
  older.close()

  const server = await startTestServer({ dbPath })
  try {
    const token = await login(server, 'user1')
    const page = await api<NotificationPage>(server, 'GET', Paths.notifications, { token })
    expect(page.body.data!.items.map(item => item.title)).toEqual(['旧的另一条', '旧的一条'])
    expect((await api<{ count: number }>(server, 'GET', Paths.unreadCount, { token })).body.data!.count).toBe(1)
    expect((await api(server, 'GET', Paths.task('old-task'), { token })).status).toBe(200)
  }
  finally {
    await server.close()
  }
  expect(schemaVersion(dbPath)).toBe(SCHEMA_VERSION)
  expect(tableNames(dbPath)).toEqual(expect.arrayContaining(['notifications', 'notification_counts', 'tasks', 'sessions']))
  expect(tableNames(dbPath)).not.toContain('revoked_tokens')
})

test('a file of schema 3 (before triage) opens with its notifications not done, not snoozed, its unread count intact, and triage working', async () => {
  const dbPath = join(folder, 'schema-3.db')
  const older = new Database(dbPath)
  older.transaction(() => {
    MIGRATIONS.filter(step => step.version <= 3).forEach(step => step.up(older))
    older.pragma('user_version = 3')
  })()
  const insert = older.prepare(`INSERT INTO notifications (user_id, title, content, type, created_at, status) VALUES ('user2', ?, 'c', 'alert', ?, ?)`)
  insert.run('读过的', new Date(Date.now() - 60_000).toISOString(), 'read')
  insert.run('未读一', new Date(Date.now() - 30_000).toISOString(), 'unread')
  insert.run('未读二', new Date().toISOString(), 'unread')
  older.close()

  const server = await startTestServer({ dbPath })
  try {
    const token = await login(server, 'user2')
    const page = (await api<NotificationPage>(server, 'GET', Paths.notifications, { token })).body.data!
    expect(page.items.map(item => [item.title, item.archived, item.snoozed_until])).toEqual([['未读二', false, null], ['未读一', false, null], ['读过的', false, null]])
    const count = async () => (await api<{ count: number }>(server, 'GET', Paths.unreadCount, { token })).body.data!.count
    expect(await count()).toBe(2)
    const done = await api<Notification>(server, 'POST', Paths.archive(page.items[0]!.id), { token })
    expect(done.body.data).toMatchObject({ archived: true, status: 'read' })
    expect(await count()).toBe(1)
    expect((await api(server, 'PUT', Paths.preferences, { token, body: { quiet_hours: { enabled: true } } })).status).toBe(200)
  }
  finally {
    await server.close()
  }
  expect(schemaVersion(dbPath)).toBe(SCHEMA_VERSION)
  expect(tableNames(dbPath)).toContain('preferences')
})

test('a new file starts at the newest schema', async () => {
  const dbPath = join(folder, 'new.db')
  await (await startTestServer({ dbPath })).close()
  expect(schemaVersion(dbPath)).toBe(SCHEMA_VERSION)
})

test('a file written by a newer build stops the server with one line, untouched', async () => {
  const dbPath = join(folder, 'newer.db')
  await (await startTestServer({ dbPath })).close()
  const newer = new Database(dbPath)
  newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
  newer.close()

  const result = await runScript('mock-server/main.ts', [], { TIDINGS_DB: dbPath, PORT: '0', JWT_SECRET: 'a-test-key-that-is-long-enough-for-hs256-0123' })
  expect(result.code).toBe(1)
  expect(result.stderr.trim()).toBe(`tidings: could not start: database "${dbPath}" cannot be opened: its schema is version ${SCHEMA_VERSION + 1}, newer than this build's ${SCHEMA_VERSION} (run a newer Tidings)`)
  expect(schemaVersion(dbPath)).toBe(SCHEMA_VERSION + 1)
})
