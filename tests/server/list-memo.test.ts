// The SQLite list answers a repeated read from memory while nothing was written (a reconnect storm asks
// the same page thousands of times). What a user would notice if that went wrong: a notification stored
// by another process, or a change made a moment ago, missing from the next list.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openSqliteStorage } from '../../mock-server/storage/sqlite'
import type { Storage } from '../../mock-server/storage/storage'

let folder = ''
const opened: Storage[] = []
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'tidings-list-memo-'))
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map(storage => storage.close()))
  rmSync(folder, { recursive: true, force: true })
})

async function open(name = 'shared.db'): Promise<Storage> {
  const storage = await openSqliteStorage(join(folder, name), { shared: true })
  opened.push(storage)
  return storage
}

const note = (title: string) => ({ title, content: `${title} happened`, type: 'system' as const })
const titles = async (storage: Storage, query: Parameters<Storage['notifications']['list']>[1] = { page: 1, pageSize: 20, view: 'inbox' }) =>
  (await storage.notifications.list('user1', query)).items.map(item => item.title)

test('a notification another process stores (npm run notify, a second server) is in the very next list', async () => {
  const server = await open()
  const notify = await open()
  await server.notifications.create(['user1'], note('first'))
  expect(await titles(server)).toEqual(['first'])
  expect(await titles(server)).toEqual(['first'])

  await notify.notifications.create(['user1'], note('second'))
  expect(await titles(server)).toEqual(['second', 'first'])

  const [second] = (await server.notifications.list('user1', { page: 1, pageSize: 1, view: 'inbox' })).items
  await notify.notifications.markRead('user1', second!.id)
  expect((await server.notifications.list('user1', { page: 1, pageSize: 1, view: 'inbox' })).items[0]).toMatchObject({ title: 'second', status: 'read' })
})

test('what was missed since an id follows each change made on the same server: new, read, done, snoozed, deleted', async () => {
  const server = await open()
  const [held] = await server.notifications.create(['user1'], note('held'))
  const missedSince = { page: 1, pageSize: 1000, view: 'inbox' as const, afterId: Number(held!.id) }
  const [a] = await server.notifications.create(['user1'], note('a'))
  const [b] = await server.notifications.create(['user1'], note('b'))
  const [c] = await server.notifications.create(['user1'], note('c'))
  expect(await titles(server, missedSince)).toEqual(['c', 'b', 'a'])

  await server.notifications.markRead('user1', a!.id)
  expect((await server.notifications.list('user1', missedSince)).items.find(item => item.id === a!.id)?.status).toBe('read')
  await server.triage.archive('user1', b!.id)
  expect(await titles(server, missedSince)).toEqual(['c', 'a'])
  await server.triage.snooze('user1', c!.id, Date.now() + 3_600_000)
  expect(await titles(server, missedSince)).toEqual(['a'])
  await server.notifications.remove('user1', a!.id)
  expect(await titles(server, missedSince)).toEqual([])
  expect((await server.notifications.list('user1', { page: 1, pageSize: 20, view: 'all' })).total).toBe(3)
})

test('one caller changing the page it was given cannot change what the next caller is given', async () => {
  const server = await open()
  await server.notifications.create(['user1'], note('original'))
  const page = await server.notifications.list('user1', { page: 1, pageSize: 20, view: 'inbox' })
  expect(() => {
    (page.items[0] as { title: string }).title = 'tampered'
  }).toThrow(TypeError)
  expect(() => page.items.pop()).toThrow(TypeError)
  expect(await titles(server)).toEqual(['original'])
})

test('users never share an answer: each user\'s list holds only their own notifications', async () => {
  const server = await open()
  await server.notifications.create(['user1'], note('for one'))
  await server.notifications.create(['user2'], note('for two'))
  const query = { page: 1, pageSize: 20, view: 'inbox' as const }
  expect((await server.notifications.list('user1', query)).items.map(item => item.title)).toEqual(['for one'])
  expect((await server.notifications.list('user2', query)).items.map(item => item.title)).toEqual(['for two'])
  expect((await server.notifications.list('user1', query)).items.map(item => item.title)).toEqual(['for one'])
})
