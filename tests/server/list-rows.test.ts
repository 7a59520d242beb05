// The list reads its rows as arrays and builds each notification in one step (the storm's resync spends
// a quarter of the server's time listing); what it answers must stay exactly what reading a notification
// on its own answers, field for field and in the same key order (clients may compare the JSON text).
import { afterEach, expect, test } from 'vitest'
import { openStorage } from '../../mock-server/storage/open'
import type { Storage } from '../../mock-server/storage/storage'

let storage: Storage | null = null
afterEach(async () => {
  await storage?.close()
  storage = null
})

test('each listed notification is the same JSON as the notification read on its own, text keys, snooze and done included', async () => {
  storage = await openStorage({ dbPath: ':memory:', databaseUrl: null }, { shared: false })
  const create = async (input: Parameters<Storage['notifications']['create']>[1]) => (await storage!.notifications.create(['user1'], input))[0]!.id
  const plain = await create({ title: 'plain', content: 'no extras', type: 'system' })
  const keyed = await create({ title: '任务完成', content: '分析完成', type: 'analysis', link: '/tasks/1', source: 'analysis', title_key: 'task.done', params: { symbol: 'AAPL' } })
  const snoozed = await create({ title: 'later', content: 'snoozed', type: 'system' })
  const done = await create({ title: 'done', content: 'archived', type: 'alert' })
  await storage.triage.snooze('user1', snoozed, Date.UTC(2030, 0, 1, 9))
  await storage.triage.archive('user1', done)

  const page = await storage.notifications.list('user1', { page: 1, pageSize: 100 })
  const each = await Promise.all([done, snoozed, keyed, plain].map(id => storage!.notifications.get('user1', id)))
  expect(JSON.stringify(page.items)).toBe(JSON.stringify(each))
  expect(page.items.find(item => item.id === keyed)).toMatchObject({ title_key: 'task.done', params: { symbol: 'AAPL' }, link: '/tasks/1' })
})
