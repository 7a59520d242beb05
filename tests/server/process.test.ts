// The command-line entry points: `npm run server` (settings, shutdown) and `npm run notify`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEV_JWT_SECRET } from '../../mock-server/config'
import { CloseCode, MessageType, Paths, UpdateReason } from '../../src/protocol'
import { runScript, startServerProcess, type ServerChild } from './support/process'
import { login, PASSWORDS, wsUrl } from './support/server'
import { connect, TestSocket } from './support/socket'
import { createFor, idsIn } from './support/triage'

const folder = mkdtempSync(join(tmpdir(), 'tidings-process-'))
const dbPath = join(folder, 'tidings.db')
let server: ServerChild

beforeAll(async () => {
  server = await startServerProcess({ TIDINGS_DB: dbPath, WS_MAX_CONNECTIONS_PER_USER: '2' })
})
afterAll(() => {
  if (server.child.exitCode === null)
    server.child.kill('SIGKILL')
  rmSync(folder, { recursive: true, force: true })
})

const socketUrl = async (username: string) => wsUrl(server, Paths.notificationsSocket, await login(server, username))

describe('npm run notify', () => {
  test('pushes a notification through the running server to the user\'s open socket', async () => {
    const socket = await connect(await socketUrl('user1'))
    const result = await runScript('mock-server/cli/notify.ts', [
      '--server', server.url, '--user', 'user1', '--title', '命令行通知', '--content', '来自终端', '--type', 'alert', '--link', '/x',
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('sent notification')
    const pushed = await socket.next(MessageType.Notification)
    expect(pushed.data).toMatchObject({ title: '命令行通知', content: '来自终端', type: 'alert', link: '/x' })
    await socket.close()
  })

  test('explains a missing title and exits 1', async () => {
    const result = await runScript('mock-server/cli/notify.ts', ['--server', server.url, '--content', 'x'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('title')
    expect(result.stderr).toContain('Usage')
  })

  test('archives, snoozes for a duration and marks several unread among the signed-in account\'s notifications', async () => {
    const token = await login(server, 'user2')
    const [first, second] = [await createFor(server, token), await createFor(server, token)]
    const socket = await connect(wsUrl(server, Paths.notificationsSocket, token))
    const as = ['--server', server.url, '--as', 'user2', '--password', PASSWORDS.user2!]

    const archived = await runScript('mock-server/cli/notify.ts', [...as, '--archive', first.id])
    expect(archived.stdout).toContain(`notification ${first.id} is now done`)
    expect((await socket.next(MessageType.NotificationUpdated)).data.reason).toBe(UpdateReason.Archive)

    const before = Date.now()
    const snoozed = await runScript('mock-server/cli/notify.ts', [...as, '--snooze', second.id, '--for', '2h'])
    expect(snoozed.code).toBe(0)
    const { items } = (await socket.next(MessageType.NotificationUpdated)).data
    expect(Date.parse(items[0].snoozed_until) - before).toBeGreaterThanOrEqual(2 * 3600_000)
    expect(await idsIn(server, token, 'snoozed')).toEqual([second.id])

    // The done one was read; the snoozed one is still unread, so only one changes.
    const unread = await runScript('mock-server/cli/notify.ts', [...as, '--unread', `${first.id},${second.id}`])
    expect(unread.stdout).toContain('unread: 1 of 2 notifications changed')
    await socket.close()
  })

  test('explains a snooze without an end and exits 1', async () => {
    const result = await runScript('mock-server/cli/notify.ts', ['--server', server.url, '--snooze', '1'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--snooze needs either --until <ISO time> or --for <duration>')
  })

  test('says when no server is listening', async () => {
    const result = await runScript('mock-server/cli/notify.ts', ['--server', 'http://127.0.0.1:9', '--title', 't', '--content', 'c'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('cannot reach the Tidings server')
  })
})

describe('npm run server', () => {
  test('refuses a bad setting with one clear line and exit code 1', async () => {
    const result = await runScript('mock-server/main.ts', [], { WS_HEARTBEAT_INTERVAL: 'abc', PORT: '0' })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe('tidings: WS_HEARTBEAT_INTERVAL must be a positive number, got "abc"')
  })

  test('in production, refuses to start without JWT_SECRET, with one line and exit code 1', async () => {
    const result = await runScript('mock-server/main.ts', [], { NODE_ENV: 'production', JWT_SECRET: undefined, PORT: '0', TIDINGS_DB: ':memory:' })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe('tidings: JWT_SECRET must be set in production (32 or more bytes of random data)')
  })

  test('in production, refuses a key shorter than 32 bytes and the public development key', async () => {
    const short = await runScript('mock-server/main.ts', [], { NODE_ENV: 'production', JWT_SECRET: 'password123', PORT: '0', TIDINGS_DB: ':memory:' })
    expect(short.code).toBe(1)
    expect(short.stderr.trim()).toBe('tidings: JWT_SECRET is 11 bytes long: production needs 32 or more bytes of random data')

    const published = await runScript('mock-server/main.ts', [], { NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, PORT: '0', TIDINGS_DB: ':memory:' })
    expect(published.code).toBe(1)
    expect(published.stderr.trim()).toBe('tidings: JWT_SECRET is the public development key: set your own in production (32 or more bytes of random data)')
  })

  test('in production, starts with a key of 32 bytes or more', async () => {
    const production = await startServerProcess({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32), TIDINGS_DB: ':memory:' })
    try {
      const response = await fetch(`${production.url}${Paths.stats}`)
      expect(response.status).toBe(200)
    }
    finally {
      production.child.kill('SIGTERM')
      await production.exited
    }
  })

  test('honours WS_MAX_CONNECTIONS_PER_USER from the environment', async () => {
    const url = await socketUrl('user2')
    const first = await connect(url)
    await connect(url)
    const third = await connect(url)
    expect((await first.closed).code).toBe(CloseCode.Replaced)
    await third.close()
  })

  test('logs one line per connect and close, and never a token', async () => {
    const secret = await login(server, 'admin')
    const socketsUrl = `${server.url.replace('http', 'ws')}${Paths.notificationsSocket}?token=`
    await (await connect(`${socketsUrl}${secret}`)).close()
    expect((await new TestSocket(`${socketsUrl}${secret}x`).closed).code).toBe(CloseCode.Unauthorized)
    await expect.poll(() => server.output().stdout).toMatch(/ws reject .*code=4401/)
    const { stdout, stderr } = server.output()
    expect(stdout).toMatch(/ws open kind=notifications user=admin/)
    expect(stdout).toMatch(/ws close kind=notifications user=admin .*code=\d+/)
    expect(stdout + stderr).not.toContain(secret.split('.')[2])
  })

  test('on SIGTERM closes sockets with 1001, flushes the database and exits 0', async () => {
    const socket = await connect(await socketUrl('admin'))
    server.child.kill('SIGTERM')
    expect((await socket.closed).code).toBe(CloseCode.GoingAway)
    const { code } = await server.exited
    expect(code).toBe(0)
    // Everything is in the main file: no write-ahead log left behind to replay.
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
    const db = new Database(dbPath, { readonly: true })
    expect(db.prepare('SELECT title FROM notifications WHERE user_id = ?').pluck().all('user1')).toContain('命令行通知')
    db.close()
  })
})
