// Restarts on one SQLite file: what users stored (and read, and logged out of) is still there.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '../../mock-server/app'
import { CloseCode, MAX_NOTIFICATIONS_PER_USER, MessageType, Paths, type Notification, type NotificationPage, type TaskInfo } from '../../src/protocol'
import { notificationInput, taskInput } from './support/factories'
import { fillInbox, stillStored } from './support/inbox'
import { api, login, startTestServer, wsUrl } from './support/server'
import { TestSocket } from './support/socket'

const folder = mkdtempSync(join(tmpdir(), 'tidings-persistence-'))
let running: RunningServer | null = null
afterAll(async () => {
  await running?.close()
  rmSync(folder, { recursive: true, force: true })
})

async function restart(dbPath: string): Promise<RunningServer> {
  await running?.close()
  running = await startTestServer({ dbPath })
  return running
}

describe('a restart on a file database', () => {
  test('keeps notifications and their read state', async () => {
    const dbPath = join(folder, 'inbox.db')
    let server = await restart(dbPath)
    let token = await login(server, 'user1')
    const kept = (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput({ title: '重启之前' }) })).body.data!
    const read = (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput() })).body.data!
    await api(server, 'POST', Paths.notificationRead(read.id), { token })

    server = await restart(dbPath)
    token = await login(server, 'user1')
    const page = (await api<NotificationPage>(server, 'GET', Paths.notifications, { token })).body.data!
    expect(page.items).toEqual([{ ...read, status: 'read' }, kept])
    expect((await api<{ count: number }>(server, 'GET', Paths.unreadCount, { token })).body.data).toEqual({ count: 1 })

    // New ids continue after the stored ones, so Last-Event-ID replay stays correct.
    const next = (await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput() })).body.data!
    expect(Number(next.id)).toBeGreaterThan(Number(read.id))
  })

  test('a user exactly at the 1000 limit before a restart loses only the oldest to the next notification', async () => {
    const dbPath = join(folder, 'full.db')
    let server = await restart(dbPath)
    const ids = await fillInbox(server, await login(server, 'user1'), MAX_NOTIFICATIONS_PER_USER)

    server = await restart(dbPath)
    const token = await login(server, 'user1')
    await api(server, 'POST', Paths.notifications, { token, body: notificationInput() })
    expect((await api<NotificationPage>(server, 'GET', `${Paths.notifications}?page_size=1`, { token })).body.data!.total).toBe(MAX_NOTIFICATIONS_PER_USER)
    expect(await stillStored(server, token, ids[0]!)).toBe(false)
    expect(await stillStored(server, token, ids[1]!)).toBe(true)
  })

  test('a database file written before per-user counts existed keeps the 1000 limit exactly', async () => {
    const dbPath = join(folder, 'older.db')
    let server = await restart(dbPath)
    const ids = await fillInbox(server, await login(server, 'user2'), MAX_NOTIFICATIONS_PER_USER)
    await running?.close()
    running = null
    // What an earlier build left on disk: the notifications, without the counts the server keeps now.
    const older = new Database(dbPath)
    older.exec('DROP TRIGGER notification_counted; DROP TRIGGER notification_uncounted; DROP TABLE notification_counts')
    older.pragma('user_version = 0') // no build before the numbered schema recorded a version
    older.close()

    server = await restart(dbPath)
    const token = await login(server, 'user2')
    await api(server, 'POST', Paths.notifications, { token, body: notificationInput() })
    expect((await api<NotificationPage>(server, 'GET', `${Paths.notifications}?page_size=1`, { token })).body.data!.total).toBe(MAX_NOTIFICATIONS_PER_USER)
    expect(await stillStored(server, token, ids[0]!)).toBe(false)
    expect(await stillStored(server, token, ids[1]!)).toBe(true)
  })

  test('keeps finished tasks and marks a task cut off by the restart as failed', async () => {
    const dbPath = join(folder, 'tasks.db')
    let server = await restart(dbPath)
    let token = await login(server, 'admin')
    const finished = (await api<TaskInfo>(server, 'POST', Paths.tasks, { token, body: taskInput({ steps: ['一步'], step_ms: 10 }) })).body.data!
    await new TestSocket(wsUrl(server, Paths.taskSocket(finished.task_id), token)).closed
    const cutOff = (await api<TaskInfo>(server, 'POST', Paths.tasks, { token, body: taskInput({ step_ms: 60_000 }) })).body.data!

    server = await restart(dbPath)
    token = await login(server, 'admin')
    expect((await api<TaskInfo>(server, 'GET', Paths.task(finished.task_id), { token })).body.data).toMatchObject({ status: 'completed', progress: 100 })
    const interrupted = (await api<TaskInfo>(server, 'GET', Paths.task(cutOff.task_id), { token })).body.data!
    expect(interrupted.status).toBe('error')
    expect(interrupted.error).toEqual(expect.any(String))
    const socket = new TestSocket(wsUrl(server, Paths.taskSocket(cutOff.task_id), token))
    expect((await socket.closed).code).toBe(CloseCode.Normal)
    expect(socket.frames.map(frame => frame.type)).toEqual([MessageType.Error])
  })

  test('keeps a logged-out token refused', async () => {
    const dbPath = join(folder, 'tokens.db')
    let server = await restart(dbPath)
    const token = await login(server, 'user2')
    await api(server, 'POST', Paths.logout, { token })
    server = await restart(dbPath)
    expect((await api(server, 'GET', Paths.unreadCount, { token })).status).toBe(401)
  })
})
