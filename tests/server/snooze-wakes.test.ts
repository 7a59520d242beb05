// Snoozes end on time (SPEC §3.3): the item comes back unread in the inbox and every socket and stream of
// the user hears `notification_updated` with reason `snooze_ended` — also after a restart, and also for
// snoozes that ended while the server was down.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import type { RunningServer } from '../../mock-server/app'
import { openDatabase } from '../../mock-server/storage/db'
import { createNotificationStore } from '../../mock-server/storage/notifications'
import { createTriageStore } from '../../mock-server/storage/triage'
import { MessageType, Paths, UpdateReason, type Notification } from '../../src/protocol'
import { useClients } from './support/clients'
import { login, startTestServer } from './support/server'
import { createFor, idsIn, inMs, triage, unreadCountOf } from './support/triage'

const folder = mkdtempSync(join(tmpdir(), 'tidings-wakes-'))
const running: RunningServer[] = []
const clients = useClients()
afterEach(async () => {
  await Promise.all(running.splice(0).map(server => server.close()))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function start(dbPath = ':memory:'): Promise<RunningServer> {
  const server = await startTestServer({ dbPath })
  running.push(server)
  return server
}

async function stop(server: RunningServer): Promise<void> {
  running.splice(running.indexOf(server), 1)
  await server.close()
}

/** Waits (generously) for a snooze of `ms` to end and its push to arrive. */
const WAKE_WAIT_MS = 15_000

describe('snooze wake-ups', () => {
  test('a snooze that ends brings the item back unread to every socket and stream, and raises the unread count', async () => {
    const server = await start()
    const token = await login(server, 'user1')
    const item = await createFor(server, token)
    await triage(server, token, Paths.notificationRead(item.id))
    const socket = await clients.socketOn(server, token)
    const stream = clients.streamOn(server, token)
    await stream.next(MessageType.Connected)
    const before = await unreadCountOf(server, token)

    await triage(server, token, Paths.snooze(item.id), { until: inMs(1000) })
    expect((await socket.next(MessageType.NotificationUpdated)).data.reason).toBe(UpdateReason.Snooze)
    const woken = await socket.next(MessageType.NotificationUpdated, WAKE_WAIT_MS)
    expect(woken.data).toEqual({ items: [{ ...item, status: 'unread', archived: false, snoozed_until: null }], reason: UpdateReason.SnoozeEnded })
    await stream.waitUntil(() => stream.events.some(event => event.data?.reason === UpdateReason.SnoozeEnded), 'the wake on the stream', WAKE_WAIT_MS)
    expect(await unreadCountOf(server, token)).toBe(before + 1)
    expect(await idsIn(server, token, 'inbox')).toContain(item.id)
  })

  test('a nearer snooze wakes on time even while a later one is waiting', async () => {
    const server = await start()
    const token = await login(server, 'user2')
    const [later, sooner] = [await createFor(server, token), await createFor(server, token)]
    const socket = await clients.socketOn(server, token)
    await triage(server, token, Paths.snooze(later.id), { until: inMs(60 * 60 * 1000) })
    await triage(server, token, Paths.snooze(sooner.id), { until: inMs(1000) })

    await socket.waitUntil(() => socket.all(MessageType.NotificationUpdated).some(frame => frame.data.reason === UpdateReason.SnoozeEnded), 'the sooner wake', WAKE_WAIT_MS)
    const wakes = socket.all(MessageType.NotificationUpdated).filter(frame => frame.data.reason === UpdateReason.SnoozeEnded)
    expect(wakes.map(frame => frame.data.items.map((item: Notification) => item.id))).toEqual([[sooner.id]])
    expect(await idsIn(server, token, 'snoozed')).toEqual([later.id])
  })

  test('thirty snoozes ending at the same moment come back in one push, not thirty', async () => {
    const server = await start()
    const token = await login(server, 'admin')
    const items: Notification[] = []
    for (let i = 0; i < 30; i++)
      items.push(await createFor(server, token))
    // Far enough ahead for thirty requests on a slow machine: every one must be stored before it ends.
    const until = inMs(5000)
    await triage(server, token, Paths.bulk, { ids: items.map(item => item.id), action: 'read' })
    for (const item of items)
      await triage(server, token, Paths.snooze(item.id), { until })
    const socket = await clients.socketOn(server, token)

    await socket.waitUntil(() => socket.all(MessageType.NotificationUpdated).length > 0, 'the wake', WAKE_WAIT_MS)
    const [wake] = socket.all(MessageType.NotificationUpdated)
    expect(wake!.data.reason).toBe(UpdateReason.SnoozeEnded)
    expect(wake!.data.items.map((item: Notification) => item.id).sort()).toEqual(items.map(item => item.id).sort())
    expect(await unreadCountOf(server, token)).toBe(30)
  })

  test('a snooze survives a restart: it ends on time and a socket and a stream opened after the restart hear it', async () => {
    const dbPath = join(folder, 'restart.db')
    let server = await start(dbPath)
    let token = await login(server, 'admin')
    const item = await createFor(server, token)
    // Long enough for the restart and the new connections on a slow machine: this wake must come live.
    await triage(server, token, Paths.snooze(item.id), { until: inMs(5000) })
    await stop(server)

    server = await start(dbPath)
    token = await login(server, 'admin')
    const socket = await clients.socketOn(server, token)
    const stream = clients.streamOn(server, token)
    await stream.next(MessageType.Connected)
    expect(await idsIn(server, token, 'snoozed')).toEqual([item.id])

    const woken = await socket.next(MessageType.NotificationUpdated, WAKE_WAIT_MS)
    expect(woken.data).toEqual({ items: [{ ...item, snoozed_until: null }], reason: UpdateReason.SnoozeEnded })
    expect((await stream.next(MessageType.NotificationUpdated, WAKE_WAIT_MS)).data).toEqual(woken.data)
  })

  test('a snooze that ended while the server was down is over as soon as it is back: the item is unread in the inbox', async () => {
    const dbPath = join(folder, 'down.db')
    let server = await start(dbPath)
    let token = await login(server, 'user1')
    const item = await createFor(server, token)
    await triage(server, token, Paths.notificationRead(item.id))
    await triage(server, token, Paths.snooze(item.id), { until: inMs(1000) })
    await stop(server)
    await new Promise(resolve => setTimeout(resolve, 1500))

    server = await start(dbPath)
    token = await login(server, 'user1')
    await expect.poll(() => idsIn(server, token, 'inbox'), { timeout: WAKE_WAIT_MS }).toContain(item.id)
    expect(await idsIn(server, token, 'snoozed')).toEqual([])
    expect(await unreadCountOf(server, token)).toBe(1)
  })

  test('two processes on one database file that both find a snooze due: only one of them gets to end it', () => {
    const dbPath = join(folder, 'claim.db')
    const [first, second] = [openDatabase(dbPath), openDatabase(dbPath)]
    try {
      const [item] = createNotificationStore(first).create(['user1'], { title: 't', content: 'c', type: 'system' })
      const [mine, theirs] = [createTriageStore(first), createTriageStore(second)]
      mine.snooze('user1', item!.id, Date.now() - 1)
      const [due] = theirs.dueWakes(Date.now(), 10)
      expect(mine.dueWakes(Date.now(), 10)).toEqual([due])

      const claims = [theirs.claimWake(due!), mine.claimWake(due!)]
      expect(claims[0]).toMatchObject({ id: item!.id, status: 'unread', snoozed_until: null })
      expect(claims[1]).toBeNull()
      expect(mine.nextWake()).toBeNull()
    }
    finally {
      first.close()
      second.close()
    }
  })
})
