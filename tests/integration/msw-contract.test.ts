// The msw harness answers as the server does: every REST reply it sends is checked against the route
// table, so a reply shape the server would not send fails the test that received it.
import { BROADCAST_RECIPIENT, Routes, type TaskInfo } from '@/protocol'
import * as authApi from '@/api/auth'
import { setTokenProvider } from '@/api/http'
import * as notificationsApi from '@/api/notifications'
import * as tasksApi from '@/api/tasks'
import { findUser } from '../../mock-server/auth/users'
import { DEFAULT_OPTIONS } from '../../mock-server/config'
import { notification, ok, on, seed, socketsOf, taskInfo, useMswServer } from '../msw'
import { takeContractBreaks } from '../msw/contract'

const server = useMswServer()

afterEach(() => setTokenProvider(() => null))

function signIn(username = 'admin'): string {
  const token = seed.signedIn(username)
  setTokenProvider(() => token)
  return token
}

describe('the msw harness keeps the route table\'s contract', () => {
  test('a mocked reply whose data does not fit the route\'s schema is reported as a contract break', async () => {
    signIn()
    server.use(on(Routes.unreadCount, () => ok({ count: 'three' })))

    // The app's own check of the reply refuses it as well.
    await expect(notificationsApi.unreadCount()).rejects.toThrow('count: Invalid input: expected number, received string')

    expect(await takeContractBreaks()).toEqual([expect.stringContaining('GET /api/notifications/unread_count: data does not parse')])
  })

  test('a success outside the envelope is reported as a contract break', async () => {
    signIn()
    server.use(on(Routes.readAll, () => Response.json({ updated: 1 })))

    await notificationsApi.markAllRead()

    expect(await takeContractBreaks()).toEqual([expect.stringContaining('POST /api/notifications/read_all: a 200 reply outside the success envelope')])
  })

  test('error replies and the bare stats pass without a break', async () => {
    signIn()
    server.use(on(Routes.unreadCount, () => Response.json({ success: false, data: null, message: 'database is locked', timestamp: '' }, { status: 500 })))

    await expect(notificationsApi.unreadCount()).rejects.toThrow('database is locked')
    await fetch(new URL(Routes.stats.path, location.href))

    expect(await takeContractBreaks()).toEqual([])
  })
})

describe('the default handlers answer what the server answers', () => {
  test('marking one read answers the notification, now read', async () => {
    signIn()
    const [item] = seed.notifications([notification()])

    expect(await notificationsApi.markRead(item.id)).toEqual({ ...item, status: 'read' })
  })

  test('notifying one user answers 201 with the notification', async () => {
    const token = signIn()
    const response = await fetch(new URL(Routes.createNotification.path, location.href), {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Maintenance', content: 'tonight', type: 'system', user: 'user1' }),
    })

    expect(response.status).toBe(201)
    expect((await response.json()).data).toMatchObject({ title: 'Maintenance', status: 'unread' })
  })

  test('a notification the app sends gets the server\'s next id and is dated when the server stored it', async () => {
    signIn()
    const before = new Date().toISOString()

    const first = await notificationsApi.create({ title: 'One', content: 'first', type: 'system' })
    const second = await notificationsApi.create({ title: 'Two', content: 'second', type: 'system' })

    expect([first.id, second.id]).toEqual([expect.stringMatching(/^\d+$/), String(Number(first.id) + 1)])
    expect(second.created_at >= first.created_at && first.created_at >= before).toBe(true)
  })

  test('the list is the server\'s: newest stored first, with the stored notifications\' ids', async () => {
    signIn()
    const stored = seed.unread(3)

    expect((await notificationsApi.list()).items.map(item => item.id)).toEqual(stored.map(item => item.id).reverse())
    expect(stored.every(item => /^\d+$/.test(item.id))).toBe(true)
  })

  test('notifying every user answers how many got it and their notifications', async () => {
    signIn()

    const result = await notificationsApi.create({ title: 'Maintenance', content: 'tonight', type: 'system', user: BROADCAST_RECIPIENT })

    expect(result.count).toBe(3)
    expect(result.items).toHaveLength(3)
    expect(result.items.every(item => item.title === 'Maintenance')).toBe(true)
  })

  test('signing out answers how many of the session\'s connections it closed', async () => {
    const token = signIn()

    expect(await authApi.logout(token)).toEqual({ closed_connections: socketsOf('admin').length })
  })

  test('signing in answers the server\'s own user, whose id is the name', async () => {
    expect((await authApi.login('user1', 'user123')).user).toEqual(findUser('user1'))
  })

  test('a page size past the server\'s limit is refused with its 422 rather than cut down', async () => {
    signIn()

    await expect(notificationsApi.list({ page_size: 500 })).rejects.toMatchObject({ status: 422, message: expect.stringContaining('page_size') })
  })

  test('tasks are listed by the server\'s handler: newest first, at most `limit`, and a limit past 200 is its 422', async () => {
    const token = signIn()
    const [, second, third] = [seed.task(taskInfo()), seed.task(taskInfo()), seed.task(taskInfo())]
    const list = (query: string) => fetch(new URL(`${Routes.listTasks.path}?${query}`, location.href), { headers: { Authorization: `Bearer ${token}` } })

    expect((await (await list('limit=2')).json()).data.map((task: TaskInfo) => task.task_id)).toEqual([third.task_id, second.task_id])
    expect((await list('limit=500')).status).toBe(422)
  })

  test('starting an analysis answers the task as the server stores it: waiting, with the server\'s steps', async () => {
    signIn()

    const task = await tasksApi.start({ symbol: '000001' })

    expect(task).toMatchObject({ status: 'pending', step: 0, progress: 0, steps: ['获取行情数据', '技术分析', '基本面分析', '新闻情绪分析', '生成报告'] })
  })

  test('an analysis past the server\'s limit of unfinished ones is refused with its 429', async () => {
    signIn()
    for (let started = 0; started < DEFAULT_OPTIONS.maxRunningTasksPerUser; started++)
      await tasksApi.start({ symbol: '000001' })

    await expect(tasksApi.start({ symbol: '000001' })).rejects.toMatchObject({ status: 429 })
  })

  test('notifying a user who does not exist answers the server\'s 404', async () => {
    signIn()

    await expect(notificationsApi.create({ title: 'Hello', content: 'there', type: 'system', user: 'nobody' })).rejects.toMatchObject({ status: 404 })
  })

  test('a notification whose link breaks the link policy is refused with the server\'s 422', async () => {
    signIn()

    await expect(notificationsApi.create({ title: 'Hello', content: 'there', type: 'system', link: 'javascript:alert(1)' })).rejects.toMatchObject({ status: 422 })
  })
})
