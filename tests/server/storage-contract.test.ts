// One contract for every storage engine: the same tests against SQLite and PostgreSQL. Where two
// writers race, each is its own connection to the same database (another process, as far as the
// database can tell); with SQLite they are two handles on one file.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { MAX_NOTIFICATIONS_PER_USER } from '../../src/protocol'
import type { Storage } from '../../mock-server/storage/storage'
import { MAX_TASKS_PER_USER, type TaskRecord } from '../../mock-server/storage/tasks'
import { ENGINES, type FreshDatabase } from './support/engines'

const note = (title: string, content = 'body') => ({ title, content, type: 'system' as const })

function task(user: string, id: string): TaskRecord {
  const now = new Date().toISOString()
  return {
    task_id: id, symbol: '000001', user, status: 'pending', message: 'waiting', step: 0, total_steps: 2, progress: 0,
    steps: ['a', 'b'], created_at: now, updated_at: now, step_ms: 1000, fail_at_step: null,
  }
}

describe.each(ENGINES)('the $name storage engine', (engine) => {
  const opened: Storage[] = []
  let database: FreshDatabase

  beforeAll(() => engine.start(), 60_000)
  afterAll(() => engine.stop())
  afterEach(async () => {
    await Promise.all(opened.splice(0).map(storage => storage.close()))
  })

  /** A process's storage on this test's database (a new database per test unless `same`). */
  async function open({ same = false } = {}): Promise<Storage> {
    if (!same || !database)
      database = await engine.fresh()
    const storage = await database.open()
    opened.push(storage)
    return storage
  }

  test('numbers notifications in increasing order and lists them newest first, page by page', async () => {
    const storage = await open()
    const created = await storage.notifications.create(['user1', 'user1', 'user1'], note('n'))
    const ids = created.map(item => Number(item.id))
    expect(ids[1]).toBeGreaterThan(ids[0]!)
    expect(ids[2]).toBeGreaterThan(ids[1]!)
    const page1 = await storage.notifications.list('user1', { page: 1, pageSize: 2 })
    expect(page1).toMatchObject({ total: 3, page: 1, page_size: 2 })
    expect(page1.items.map(item => item.id)).toEqual([created[2]!.id, created[1]!.id])
    const page2 = await storage.notifications.list('user1', { page: 2, pageSize: 2 })
    expect(page2.items.map(item => item.id)).toEqual([created[0]!.id])
    expect(await storage.notifications.after('user1', ids[0]!)).toEqual([created[1], created[2]])
    expect(await storage.notifications.get('user2', created[0]!.id)).toBeNull()
    expect(await storage.notifications.get('user1', 'abc')).toBeNull()
  })

  test('lists the inbox, done and snoozed views, and finds text whatever its case, beyond ASCII too', async () => {
    const storage = await open()
    const [done, snoozed, plain, foreign] = await storage.notifications.create(['user1', 'user1', 'user1', 'user1'],
      note('Report ready'))
    await storage.triage.archive('user1', done!.id)
    await storage.triage.snooze('user1', snoozed!.id, Date.now() + 60_000)
    await storage.notifications.create(['user1'], note('Überweisung eingegangen', '100% sicher_'))
    const idsOf = async (view: 'inbox' | 'archived' | 'snoozed', q?: string) =>
      (await storage.notifications.list('user1', { page: 1, pageSize: 20, view, q })).items.map(item => item.title)
    expect(await idsOf('archived')).toEqual(['Report ready'])
    expect(await idsOf('snoozed')).toEqual(['Report ready'])
    expect(await idsOf('inbox')).toEqual(['Überweisung eingegangen', 'Report ready', 'Report ready'])
    expect(await idsOf('inbox', 'über')).toEqual(['Überweisung eingegangen'])
    expect(await idsOf('inbox', 'REPORT')).toHaveLength(2)
    expect(await idsOf('inbox', '0% s')).toEqual(['Überweisung eingegangen'])
    expect(await idsOf('inbox', '%')).toEqual(['Überweisung eingegangen'])
    expect(await idsOf('inbox', 'r_port')).toEqual([])
    expect(plain && foreign).toBeTruthy()
  })

  test('two writers inserting for one user at once keep exactly the newest 1000, counted right', async () => {
    const [first, second] = [await open(), await open({ same: true })]
    const batch = (count: number) => Array.from({ length: count }, () => 'user1')
    const [a, b] = await Promise.all([
      first.notifications.create(batch(530), note('a')),
      second.notifications.create(batch(530), note('b')),
    ])
    const newest = [...a, ...b].map(item => Number(item.id)).sort((x, y) => y - x).slice(0, MAX_NOTIFICATIONS_PER_USER)
    const listed = await first.notifications.list('user1', { page: 1, pageSize: 100 })
    expect(listed.total).toBe(MAX_NOTIFICATIONS_PER_USER)
    expect(listed.items.map(item => Number(item.id))).toEqual(newest.slice(0, 100))
    expect(await second.notifications.unreadCount('user1')).toBe(MAX_NOTIFICATIONS_PER_USER)
    // The cap's count is kept right too: one more insert drops exactly one.
    await second.notifications.create(['user1'], note('c'))
    expect((await first.notifications.list('user1', { page: 1, pageSize: 1 })).total).toBe(MAX_NOTIFICATIONS_PER_USER)
    expect(await first.notifications.unreadCount('user1')).toBe(MAX_NOTIFICATIONS_PER_USER)
  })

  test('the inbox unread count follows every triage action', async () => {
    const storage = await open()
    const unread = () => storage.notifications.unreadCount('user1')
    const [one, two, three, four] = await storage.notifications.create(['user1', 'user1', 'user1', 'user1'], note('t'))
    await storage.notifications.create(['user2'], note('other user'))
    expect(await unread()).toBe(4)
    expect(await storage.notifications.markRead('user1', one!.id)).toBe(true)
    expect(await storage.notifications.markRead('user1', one!.id)).toBe(true)
    expect(await unread()).toBe(3)
    expect(await storage.triage.markUnread('user1', one!.id)).toMatchObject({ changed: true })
    expect(await storage.triage.markUnread('user1', one!.id)).toMatchObject({ changed: false })
    expect(await unread()).toBe(4)
    await storage.triage.archive('user1', two!.id)
    expect(await unread()).toBe(3)
    await storage.triage.unarchive('user1', two!.id)
    expect(await unread()).toBe(3)
    await storage.triage.snooze('user1', three!.id, Date.now() + 60_000)
    expect(await unread()).toBe(2)
    await storage.triage.unsnooze('user1', three!.id)
    expect(await unread()).toBe(3)
    expect((await storage.triage.bulkUpdate('user1', [one!.id, three!.id, 'nope', one!.id], 'read')).map(item => item.id))
      .toEqual([one!.id, three!.id])
    expect(await unread()).toBe(1)
    expect(await storage.triage.bulkUpdate('user1', [one!.id], 'unread')).toHaveLength(1)
    expect(await unread()).toBe(2)
    expect(await storage.triage.bulkDelete('user1', [four!.id, one!.id])).toEqual([four!.id, one!.id])
    expect(await unread()).toBe(0)
    expect(await storage.notifications.remove('user1', three!.id)).toBe(true)
    expect(await storage.notifications.remove('user1', three!.id)).toBe(false)
    expect(await storage.notifications.markAllRead('user2')).toBe(1)
    expect(await storage.notifications.unreadCount('user2')).toBe(0)
    expect((await storage.notifications.list('user1', { page: 1, pageSize: 10 })).total).toBe(1)
  })

  test('of two processes claiming one due snooze at once, exactly one gets it', async () => {
    const [first, second] = [await open(), await open({ same: true })]
    const [item] = await first.notifications.create(['user1'], note('later'))
    await first.triage.snooze('user1', item!.id, Date.now() - 1)
    expect(await second.triage.nextWake()).toBeLessThan(Date.now())
    const [due] = await second.triage.dueWakes(Date.now(), 10)
    expect(due).toMatchObject({ id: Number(item!.id), userId: 'user1' })
    const claims = await Promise.all([first.triage.claimWake(due!), second.triage.claimWake(due!)])
    expect(claims.filter(claim => claim !== null)).toEqual([expect.objectContaining({ id: item!.id, status: 'unread', snoozed_until: null })])
    expect(await first.triage.nextWake()).toBeNull()
    expect(await first.notifications.unreadCount('user1')).toBe(1)
  })

  test('a session revoked by one process is revoked for another, and signing out everywhere names every live one', async () => {
    const [first, second] = [await open(), await open({ same: true })]
    const session = await first.sessions.open('user1', 3600)
    expect(await second.sessions.find(session.sid)).toMatchObject({ userId: 'user1', revoked: false })
    await first.sessions.revoke(session.sid, 'user1', session.expiresAtSec)
    expect(first.sessions.isKnownRevoked(session.sid)).toBe(true)
    expect(second.sessions.isKnownRevoked(session.sid)).toBe(false)
    expect(await second.sessions.isRevoked(session.sid)).toBe(true)
    expect(second.sessions.isKnownRevoked(session.sid)).toBe(true)
    const [a, b] = [await second.sessions.open('user2', 3600), await second.sessions.open('user2', 3600)]
    expect((await first.sessions.revokeAllOf('user2')).sort()).toEqual([a.sid, b.sid].sort())
    expect(await second.sessions.isRevoked(a.sid)).toBe(true)
    second.sessions.noteRevoked(['announced'])
    expect(second.sessions.isKnownRevoked('announced')).toBe(true)
  })

  test('two processes starting tasks for one user at once never pass the unfinished-task cap', async () => {
    const [first, second] = [await open(), await open({ same: true })]
    const attempts = Array.from({ length: 8 }, (_, index) =>
      (index % 2 === 0 ? first : second).tasks.insert(task('user1', `t${index}`), 3))
    const stored = await Promise.all(attempts)
    expect(stored.filter(Boolean)).toHaveLength(3)
    expect(await first.tasks.unfinishedOf('user1')).toHaveLength(3)
    const [started] = await second.tasks.unfinishedOf('user1')
    await first.tasks.update({ ...started!, status: 'completed', progress: 100, result: { ok: 1 } })
    expect(await second.tasks.get(started!.task_id)).toMatchObject({ status: 'completed', result: { ok: 1 } })
    expect(await second.tasks.insert(task('user1', 'next'), 3)).toBe(true)
    expect((await first.tasks.list({ userId: 'user1', limit: 10 }))[0]!.task_id).toBe('next')
    expect(await first.tasks.failUnfinished('restart')).toBe(3)
  })

  test('keeps each user\'s newest 200 finished tasks and never drops a running one', async () => {
    const storage = await open()
    await storage.tasks.insert({ ...task('user1', 'running'), status: 'running' })
    for (let index = 0; index < MAX_TASKS_PER_USER + 3; index++)
      await storage.tasks.insert({ ...task('user1', `done-${index}`), status: 'completed' })
    await storage.tasks.insert({ ...task('user2', 'theirs'), status: 'completed' })
    const kept = await storage.tasks.list({ userId: 'user1', limit: 1000 })
    expect(kept).toHaveLength(MAX_TASKS_PER_USER + 1)
    expect(kept[0]!.task_id).toBe(`done-${MAX_TASKS_PER_USER + 2}`)
    expect(kept.map(item => item.task_id)).toContain('running')
    expect(kept.map(item => item.task_id)).not.toContain('done-2')
    expect(kept.map(item => item.task_id)).toContain('done-3')
    expect(await storage.tasks.get('theirs')).toMatchObject({ user: 'user2' })
  })

  test('marks failed only the unfinished tasks nobody advanced for a step plus the grace period', async () => {
    const storage = await open()
    const longAgo = new Date(Date.now() - 10_000).toISOString()
    await storage.tasks.insert({ ...task('user1', 'abandoned'), status: 'running', updated_at: longAgo })
    await storage.tasks.insert({ ...task('user1', 'alive'), status: 'running' })
    await storage.tasks.insert({ ...task('user1', 'finished'), status: 'completed', updated_at: longAgo })
    const failed = await storage.tasks.failStale('its process died', 2000)
    expect(failed.map(item => [item.task_id, item.status, item.error])).toEqual([['abandoned', 'error', 'its process died']])
    expect(await storage.tasks.get('alive')).toMatchObject({ status: 'running' })
  })

  test('several processes starting at once on an empty database bring its schema up once, and all of them work', async () => {
    database = await engine.fresh()
    const others = await Promise.all([database.open(), database.open(), database.open()])
    opened.push(...others)
    const created = await Promise.all(others.map(storage => storage.notifications.create(['user1'], note('hi'))))
    expect(new Set(created.map(([item]) => item!.id)).size).toBe(3)
  })

  test('preferences saved in parts by two processes at once keep both parts', async () => {
    const [first, second] = [await open(), await open({ same: true })]
    await Promise.all([
      first.preferences.update('user1', { types: { alert: { sound: true } } }),
      second.preferences.update('user1', { quiet_hours: { enabled: true } }),
    ])
    expect(await first.preferences.get('user1')).toMatchObject({ types: { alert: { sound: true } }, quiet_hours: { enabled: true } })
  })
})
