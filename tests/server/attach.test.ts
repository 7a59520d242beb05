// tidings/server mounted on an application's own node:http server, with the app's own sign-in.
import { afterEach, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { CloseCode, MessageType, parseTaskChannelMessage, Paths, type Notification } from '../../src/protocol'
import { BROKEN_TOKEN, EXPIRING_TOKEN, useHostApp } from './support/host-app'
import { api, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'
import { openStream } from './support/sse'

const app = useHostApp()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

const ALICE = 'app-session-alice'
const BOB = 'app-session-bob'

async function open(path: string, token: string): Promise<TestSocket> {
  const socket = await connect(wsUrl(app.current, path, token))
  sockets.push(socket)
  return socket
}

describe('an application mounting Tidings', () => {
  test('keeps answering its own routes and its own WebSocket path', async () => {
    const hello = await fetch(`${app.current.url}/hello`)
    expect(hello.status).toBe(200)
    expect(await hello.text()).toBe('hello from the app')
    expect((await fetch(`${app.current.url}/api/not-tidings`)).status).toBe(404)
    const own = new WebSocket(`${app.current.url.replace(/^http/, 'ws')}/app-socket`)
    const [first] = await new Promise<[unknown]>(resolve => own.once('message', (...args) => resolve([args[0]])))
    expect(String(first)).toBe('app socket open')
    own.terminate()
  })

  test('serves Tidings\' REST API to a user signed in by the app', async () => {
    const result = await api<{ count: number }>(app.current, 'GET', Paths.unreadCount, { token: ALICE })
    expect(result.status).toBe(200)
    expect(result.body.data).toEqual({ count: 0 })
    expect(app.current.asked).toContain(ALICE)
  })

  test('delivers a notification the app publishes from its own route to that user\'s socket', async () => {
    const alice = await open(Paths.notificationsSocket, ALICE)
    const announced = await fetch(`${app.current.url}/announce?to=alice`, { method: 'POST' })
    expect(announced.status).toBe(201)
    const [stored] = await announced.json() as Notification[]
    const frame = await alice.next(MessageType.Notification)
    expect(frame.data).toMatchObject({ id: stored!.id, title: 'Deploy finished', content: 'v2 is live' })
    const page = await api<{ items: Notification[] }>(app.current, 'GET', Paths.notifications, { token: ALICE })
    expect(page.body.data!.items.map(item => item.id)).toEqual([stored!.id])
  })

  test('publishing to everyone reaches each user online', async () => {
    const alice = await open(Paths.notificationsSocket, ALICE)
    const bob = await open(Paths.notificationsSocket, BOB)
    const items = await app.current.tidings.publish('*', { title: 'Maintenance tonight', content: '23:00', type: 'system' })
    expect(items).toHaveLength(2)
    expect((await alice.next(MessageType.Notification)).data.title).toBe('Maintenance tonight')
    expect((await bob.next(MessageType.Notification)).data.title).toBe('Maintenance tonight')
  })

  test('refuses what POST /api/notifications refuses, with the same status', async () => {
    await expect(app.current.tidings.publish('alice', { title: '', content: 'x', type: 'system' }))
      .rejects.toMatchObject({ status: 422 })
    await expect(app.current.tidings.publish('alice', { title: 'Open', content: 'x', type: 'system', link: 'javascript:alert(1)' }))
      .rejects.toMatchObject({ status: 422 })
  })
})

describe('a token the app\'s hook refuses', () => {
  test('closes the socket with 4401, as a bad token does', async () => {
    const socket = new TestSocket(wsUrl(app.current, Paths.notificationsSocket, 'forged-token'))
    sockets.push(socket)
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
  })

  test('is answered 401 by REST and by the SSE stream', async () => {
    expect((await api(app.current, 'GET', Paths.notifications, { token: 'forged-token' })).status).toBe(401)
    const stream = openStream(app.current, { token: 'forged-token' })
    await stream.ready
    expect(stream.status).toBe(401)
  })

  test('leaves no Tidings sign-in to fall back on: its login answers 404', async () => {
    const login = await api(app.current, 'POST', Paths.login, { body: { username: 'admin', password: 'admin123' } })
    expect(login.status).toBe(404)
  })
})

describe('the app\'s hook', () => {
  test('closes a socket with 4401 once the expiry it gave has passed', async () => {
    const socket = await open(Paths.notificationsSocket, EXPIRING_TOKEN)
    expect(await socket.closed).toMatchObject({ code: CloseCode.Unauthorized })
  })

  test('failing (rather than refusing) is a server error, not a sign-out', async () => {
    const result = await api(app.current, 'GET', Paths.unreadCount, { token: BROKEN_TOKEN })
    expect(result.status).toBe(500)
    const socket = new TestSocket(wsUrl(app.current, Paths.notificationsSocket, BROKEN_TOKEN))
    sockets.push(socket)
    expect((await socket.closed).code).not.toBe(CloseCode.Unauthorized)
  })
})

describe('a task the app runs itself', () => {
  test('sends its progress frames to its owner, and its end closes the owner\'s socket', async () => {
    const task = await app.current.tidings.startTask('alice', { name: 'Export of March', steps: ['Collect', 'Write'] })
    const watcher = new TestSocket(wsUrl(app.current, Paths.taskSocket(task.id), ALICE))
    sockets.push(watcher)
    expect((await watcher.next(MessageType.Progress)).data).toMatchObject({ task_id: task.id, progress: 0 })
    await task.progress(50, 'Writing', 2)
    expect((await watcher.next(MessageType.Progress)).data).toMatchObject({ progress: 50, message: 'Writing', step: 2, total_steps: 2 })
    await task.complete({ rows: 120 })
    expect((await watcher.next(MessageType.Completed)).data).toMatchObject({ progress: 100, result: { rows: 120 } })
    expect((await watcher.closed).code).toBe(CloseCode.Normal)
    for (const frame of watcher.frames)
      expect(parseTaskChannelMessage(JSON.stringify(frame)).ok).toBe(true)
    await expect(task.progress(60)).rejects.toThrow(/finished/)
  })

  test('is never seen by another user: their task socket is refused and their inbox socket gets no frame of it', async () => {
    const task = await app.current.tidings.startTask({ id: 'alice' }, { name: 'Nightly import' })
    const bobInbox = await open(Paths.notificationsSocket, BOB)
    const bobWatcher = new TestSocket(wsUrl(app.current, Paths.taskSocket(task.id), BOB))
    sockets.push(bobWatcher)
    expect((await bobWatcher.closed).code).toBe(CloseCode.Forbidden)
    const aliceWatcher = new TestSocket(wsUrl(app.current, Paths.taskSocket(task.id), ALICE))
    sockets.push(aliceWatcher)
    await aliceWatcher.next(MessageType.Progress)
    await task.fail('the source went away')
    expect((await aliceWatcher.next(MessageType.Error)).data).toMatchObject({ error: 'the source went away' })
    // What the app's client parses: a task without steps still counts one.
    for (const frame of aliceWatcher.frames)
      expect(parseTaskChannelMessage(JSON.stringify(frame)).ok).toBe(true)
    expect(bobWatcher.frames).toEqual([])
    expect(bobInbox.frames.map(frame => frame.type)).toEqual([MessageType.Connected])
    expect((await api(app.current, 'GET', Paths.task(task.id), { token: BOB })).status).toBe(404)
  })

  test('tells the app what it cannot report', async () => {
    const task = await app.current.tidings.startTask('bob', { name: 'Backup' })
    await expect(task.progress(140)).rejects.toThrow(RangeError)
    await expect(app.current.tidings.startTask('bob', { name: '' })).rejects.toMatchObject({ status: 422 })
  })
})
