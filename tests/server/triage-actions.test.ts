// Triage actions (SPEC §3.2, §3.3): each answers the item as it now is, is pushed to every socket and
// SSE stream of the user (and only theirs), keeps unread_count to the inbox, and never reaches another
// user's notifications.
import { describe, expect, test } from 'vitest'
import { MessageType, Paths, UpdateReason, type Notification } from '../../src/protocol'
import { useClients } from './support/clients'
import { api, login, useTestServer } from './support/server'
import { v1NotificationFrameSchema } from './support/protocol-v1'
import { createFor, idsIn, inMs, triage, unreadCountOf } from './support/triage'

const server = useTestServer()
const clients = useClients()

const HOUR_MS = 60 * 60 * 1000

describe('single triage actions', () => {
  test('marking a read notification unread answers it unread, tells every socket and stream, and raises the unread count', async () => {
    const token = await login(server.current, 'user1')
    const item = await createFor(server.current, token)
    await api(server.current, 'POST', Paths.notificationRead(item.id), { token })
    const before = await unreadCountOf(server.current, token)
    const socket = await clients.socketOn(server.current, token)
    const stream = clients.streamOn(server.current, token)
    await stream.next(MessageType.Connected)

    const result = await triage(server.current, token, Paths.notificationUnread(item.id))
    expect(result.status).toBe(200)
    expect(result.body.data).toEqual({ ...item, status: 'unread' })
    expect((await socket.next(MessageType.NotificationUpdated)).data).toEqual({ items: [result.body.data], reason: UpdateReason.Unread })
    const event = await stream.next(MessageType.NotificationUpdated)
    expect(event.data).toEqual({ items: [result.body.data], reason: UpdateReason.Unread })
    expect(event.id).toBeNull()
    expect(await unreadCountOf(server.current, token)).toBe(before + 1)
  })

  test('done archives and reads an item: it leaves the inbox and the unread count, and shows in the done view', async () => {
    const token = await login(server.current, 'user2')
    const item = await createFor(server.current, token)
    const before = await unreadCountOf(server.current, token)
    const socket = await clients.socketOn(server.current, token)

    const done = (await triage(server.current, token, Paths.archive(item.id))).body.data!
    expect(done).toMatchObject({ id: item.id, archived: true, status: 'read', snoozed_until: null })
    expect((await socket.next(MessageType.NotificationUpdated)).data).toEqual({ items: [done], reason: UpdateReason.Archive })
    expect(await unreadCountOf(server.current, token)).toBe(before - 1)
    expect(await idsIn(server.current, token, 'inbox')).not.toContain(item.id)
    expect(await idsIn(server.current, token, 'archived')).toContain(item.id)
  })

  test('unarchiving puts a done item back in the inbox, still read', async () => {
    const token = await login(server.current, 'user2')
    const item = await createFor(server.current, token)
    await triage(server.current, token, Paths.archive(item.id))
    const socket = await clients.socketOn(server.current, token)

    const back = (await triage(server.current, token, Paths.unarchive(item.id))).body.data!
    expect(back).toMatchObject({ archived: false, status: 'read' })
    expect((await socket.next(MessageType.NotificationUpdated)).data.reason).toBe(UpdateReason.Unarchive)
    expect(await idsIn(server.current, token, 'inbox')).toContain(item.id)
  })

  test('a snoozed item is hidden from the inbox and the unread count until the snooze is ended, then it is back unread', async () => {
    const token = await login(server.current, 'admin')
    const item = await createFor(server.current, token)
    await api(server.current, 'POST', Paths.notificationRead(item.id), { token })
    const before = await unreadCountOf(server.current, token)
    const socket = await clients.socketOn(server.current, token)
    const until = inMs(2 * HOUR_MS)

    const snoozed = (await triage(server.current, token, Paths.snooze(item.id), { until })).body.data!
    expect(snoozed.snoozed_until).toBe(until)
    expect((await socket.next(MessageType.NotificationUpdated)).data).toEqual({ items: [snoozed], reason: UpdateReason.Snooze })
    expect(await idsIn(server.current, token, 'inbox')).not.toContain(item.id)
    expect(await idsIn(server.current, token, 'snoozed')).toContain(item.id)

    const woken = (await triage(server.current, token, Paths.unsnooze(item.id))).body.data!
    expect(woken).toMatchObject({ status: 'unread', snoozed_until: null, archived: false })
    expect((await socket.next(MessageType.NotificationUpdated)).data).toEqual({ items: [woken], reason: UpdateReason.Unsnooze })
    expect(await unreadCountOf(server.current, token)).toBe(before + 1)
    expect(await idsIn(server.current, token, 'inbox')).toContain(item.id)
  })

  test('an unread item that is snoozed stops counting as unread, and counts again when the snooze ends', async () => {
    const token = await login(server.current, 'admin')
    const item = await createFor(server.current, token)
    const before = await unreadCountOf(server.current, token)
    await triage(server.current, token, Paths.snooze(item.id), { until: inMs(HOUR_MS) })
    expect(await unreadCountOf(server.current, token)).toBe(before - 1)
    await triage(server.current, token, Paths.unsnooze(item.id))
    expect(await unreadCountOf(server.current, token)).toBe(before)
  })

  test('marking done a snoozed item ends its snooze and it stays out of the unread count', async () => {
    const token = await login(server.current, 'user1')
    const item = await createFor(server.current, token)
    const before = await unreadCountOf(server.current, token)
    await triage(server.current, token, Paths.snooze(item.id), { until: inMs(HOUR_MS) })
    const done = (await triage(server.current, token, Paths.archive(item.id))).body.data!
    expect(done).toMatchObject({ archived: true, snoozed_until: null, status: 'read' })
    expect(await unreadCountOf(server.current, token)).toBe(before - 1)
    expect(await idsIn(server.current, token, 'snoozed')).not.toContain(item.id)
  })

  test('deleting a notification tells every socket and stream of the user which id went', async () => {
    const token = await login(server.current, 'user1')
    const item = await createFor(server.current, token)
    const socket = await clients.socketOn(server.current, token)
    const stream = clients.streamOn(server.current, token)
    await stream.next(MessageType.Connected)

    expect((await api(server.current, 'DELETE', Paths.notification(item.id), { token })).status).toBe(200)
    expect((await socket.next(MessageType.NotificationDeleted)).data).toEqual({ ids: [item.id] })
    expect((await stream.next(MessageType.NotificationDeleted)).data).toEqual({ ids: [item.id] })
  })

  test('another user\'s notification is not found by any triage route, and its owner hears nothing', async () => {
    const owner = await login(server.current, 'user1')
    const item = await createFor(server.current, owner)
    const ownerSocket = await clients.socketOn(server.current, owner)
    const stranger = await login(server.current, 'user2')

    for (const path of [Paths.notificationUnread(item.id), Paths.archive(item.id), Paths.unarchive(item.id), Paths.unsnooze(item.id)])
      expect((await triage(server.current, stranger, path)).status, path).toBe(404)
    expect((await triage(server.current, stranger, Paths.snooze(item.id), { until: inMs(HOUR_MS) })).status).toBe(404)

    // A push to the owner after all of those: had any of them pushed, it would have come first.
    await api(server.current, 'DELETE', Paths.notification(item.id), { token: owner })
    await ownerSocket.next(MessageType.NotificationDeleted)
    expect(ownerSocket.all(MessageType.NotificationUpdated)).toEqual([])
    expect(await idsIn(server.current, owner, 'all')).not.toContain(item.id)
  })
})

test('a client that knows only protocol v1 parses the notification frames of this server, and ignores the new fields', async () => {
  const token = await login(server.current, 'user2')
  const socket = await clients.socketOn(server.current, token)
  const created = await createFor(server.current, token, { title: '旧客户端' })
  // The frame exactly as it came off the socket (JSON-decoded, nothing else).
  const parsed = v1NotificationFrameSchema.safeParse(await socket.next(MessageType.Notification))
  expect(parsed.success).toBe(true)
  const { archived: _archived, snoozed_until: _snoozedUntil, ...v1Fields } = created
  expect(parsed.data?.data).toEqual(v1Fields)
})

describe('bulk actions', () => {
  async function inboxOf(token: string, count: number): Promise<Notification[]> {
    const items: Notification[] = []
    for (let i = 0; i < count; i++)
      items.push(await createFor(server.current, token))
    return items
  }

  test('a bulk done changes the caller\'s items in one push, and skips another user\'s ids without counting or pushing them', async () => {
    const [mine, theirs] = [await login(server.current, 'admin'), await login(server.current, 'user2')]
    const items = await inboxOf(mine, 3)
    const foreign = await createFor(server.current, theirs)
    const socket = await clients.socketOn(server.current, mine)
    const theirSocket = await clients.socketOn(server.current, theirs)

    const result = await triage<{ updated: number }>(server.current, mine, Paths.bulk, { ids: [...items.map(item => item.id), foreign.id, '999999999'], action: 'archive' })
    expect(result.status).toBe(200)
    expect(result.body.data).toEqual({ updated: 3 })
    const pushed = await socket.next(MessageType.NotificationUpdated)
    expect(pushed.data.reason).toBe(UpdateReason.BulkArchive)
    expect(pushed.data.items.map((item: Notification) => item.id)).toEqual(items.map(item => item.id))
    expect(pushed.data.items.every((item: Notification) => item.archived && item.status === 'read')).toBe(true)
    expect(await idsIn(server.current, theirs, 'inbox')).toContain(foreign.id)

    // The other user's next push arrives alone: nothing of the bulk reached them.
    await api(server.current, 'DELETE', Paths.notification(foreign.id), { token: theirs })
    await theirSocket.next(MessageType.NotificationDeleted)
    expect(theirSocket.all(MessageType.NotificationUpdated)).toEqual([])
    expect(socket.all(MessageType.NotificationUpdated)).toHaveLength(1)
  })

  test('bulk read, unread and unarchive change the unread count as their items move', async () => {
    const token = await login(server.current, 'user1')
    const items = await inboxOf(token, 2)
    const ids = items.map(item => item.id)
    const start = await unreadCountOf(server.current, token)

    expect((await triage(server.current, token, Paths.bulk, { ids, action: 'read' })).body.data).toEqual({ updated: 2 })
    expect(await unreadCountOf(server.current, token)).toBe(start - 2)
    expect((await triage(server.current, token, Paths.bulk, { ids, action: 'unread' })).body.data).toEqual({ updated: 2 })
    expect(await unreadCountOf(server.current, token)).toBe(start)
    await triage(server.current, token, Paths.bulk, { ids, action: 'archive' })
    expect(await unreadCountOf(server.current, token)).toBe(start - 2)
    expect((await triage(server.current, token, Paths.bulk, { ids, action: 'unarchive' })).body.data).toEqual({ updated: 2 })
    expect(await idsIn(server.current, token, 'inbox')).toEqual(expect.arrayContaining(ids))
    // Unarchived items stay read.
    expect(await unreadCountOf(server.current, token)).toBe(start - 2)
  })

  test('a bulk delete removes only the caller\'s items and pushes their ids once', async () => {
    const [mine, theirs] = [await login(server.current, 'user1'), await login(server.current, 'user2')]
    const items = await inboxOf(mine, 2)
    const foreign = await createFor(server.current, theirs)
    const socket = await clients.socketOn(server.current, mine)

    const result = await triage(server.current, mine, Paths.bulk, { ids: [items[0]!.id, items[1]!.id, foreign.id], action: 'delete' })
    expect(result.body.data).toEqual({ updated: 2 })
    expect((await socket.next(MessageType.NotificationDeleted)).data).toEqual({ ids: [items[0]!.id, items[1]!.id] })
    expect(await idsIn(server.current, theirs, 'all')).toContain(foreign.id)
  })
})
