import { afterEach, describe, expect, test } from 'vitest'
import {
  CloseCode,
  MessageType,
  Paths,
  taskCompletedSchema,
  taskFailedSchema,
  taskInfoSchema,
  taskProgressSchema,
  type CreateTaskRequest,
  type Notification,
  type NotificationPage,
  type TaskInfo,
} from '../../src/protocol'
import { taskInput } from './support/factories'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

const DEFAULT_STEPS = ['获取行情数据', '技术分析', '基本面分析', '新闻情绪分析', '生成报告']

async function startTask(token: string, overrides: Partial<CreateTaskRequest> = {}): Promise<TaskInfo> {
  const result = await api<TaskInfo>(server.current, 'POST', Paths.tasks, { token, body: taskInput(overrides) })
  expect(result.status).toBe(201)
  return taskInfoSchema.parse(result.body.data)
}

function watch(token: string, taskId: string): TestSocket {
  const socket = new TestSocket(wsUrl(server.current, Paths.taskSocket(taskId), token))
  sockets.push(socket)
  return socket
}

async function getTask(token: string, taskId: string): Promise<TaskInfo> {
  return (await api<TaskInfo>(server.current, 'GET', Paths.task(taskId), { token })).body.data!
}

describe('task progress', () => {
  test('streams every named step with rising progress, then completed, then closes with 1000', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { step_ms: 100 })
    const socket = watch(token, task.task_id)
    expect((await socket.closed).code).toBe(CloseCode.Normal)

    // The first frame is a snapshot of wherever the task was when the socket joined; from then on
    // every step arrives, each named and at step/5 of the way.
    const progress = socket.all(MessageType.Progress).map(frame => taskProgressSchema.parse(frame.data))
    const steps = progress.map(frame => frame.step)
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, index) => steps[0] + index))
    expect(steps.at(-1)).toBe(5)
    for (const frame of progress.filter(frame => frame.step > 0)) {
      expect(frame.message).toBe(DEFAULT_STEPS[frame.step - 1])
      expect(frame.progress).toBe(frame.step * 20)
      expect(frame).toMatchObject({ total_steps: 5, task_id: task.task_id })
    }
    const [completed] = socket.all(MessageType.Completed)
    const data = taskCompletedSchema.parse(completed.data)
    expect(data.result).toMatchObject({ symbol: '000001', rating: expect.stringMatching(/^(买入|持有|卖出)$/) })
    expect(socket.frames.at(-1)?.type).toBe(MessageType.Completed)
  })

  test('a subscriber joining mid-way gets the current step at once', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { step_ms: 300 })
    const early = watch(token, task.task_id)
    await early.waitUntil(() => early.all(MessageType.Progress).some(frame => frame.data.step >= 2), 'step 2')

    const late = watch(token, task.task_id)
    const snapshot = taskProgressSchema.parse((await late.next(MessageType.Progress)).data)
    expect(snapshot.step).toBeGreaterThanOrEqual(2)
    expect(snapshot.message).toBe(DEFAULT_STEPS[snapshot.step - 1])
    expect((await late.closed).code).toBe(CloseCode.Normal)
    expect(late.all(MessageType.Completed)).toHaveLength(1)
  })

  test('several subscribers receive the same frames', async () => {
    const token = await login(server.current, 'admin')
    const task = await startTask(token)
    const [first, second] = [watch(token, task.task_id), watch(token, task.task_id)]
    await Promise.all([first.closed, second.closed])
    expect(first.all(MessageType.Completed)).toEqual(second.all(MessageType.Completed))
    expect(first.all(MessageType.Progress).at(-1)).toEqual(second.all(MessageType.Progress).at(-1))
  })

  test('a task that fails sends error with a readable reason at that step and closes with 1000', async () => {
    const token = await login(server.current, 'user2')
    const task = await startTask(token, { fail_at_step: 3 })
    const socket = watch(token, task.task_id)
    expect((await socket.closed).code).toBe(CloseCode.Normal)
    const error = taskFailedSchema.parse(socket.all(MessageType.Error)[0].data)
    expect(error.step).toBe(3)
    expect(error.error).toContain('基本面分析')
    expect(socket.all(MessageType.Completed)).toHaveLength(0)
    expect(await getTask(token, task.task_id)).toMatchObject({ status: 'error', error: error.error })
  })

  test('joining a finished task gets its final state and closes with 1000', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { steps: ['一步完成'], step_ms: 10 })
    await watch(token, task.task_id).closed

    const late = watch(token, task.task_id)
    expect((await late.closed).code).toBe(CloseCode.Normal)
    expect(late.frames.map(frame => frame.type)).toEqual([MessageType.Completed])
  })

  test('uses custom step names when given', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { steps: ['读取', '计算'], step_ms: 100 })
    const socket = watch(token, task.task_id)
    await socket.closed
    const names = socket.all(MessageType.Progress).filter(frame => frame.data.step > 0).map(frame => frame.data.message)
    expect(names.at(-1)).toBe('计算')
    expect(['读取', '计算']).toEqual(expect.arrayContaining(names))
    expect((await getTask(token, task.task_id)).steps).toEqual(['读取', '计算'])
  })

  test('completion notifies the owner like the document\'s example', async () => {
    const token = await login(server.current, 'user2')
    const inbox = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
    sockets.push(inbox)
    await startTask(token, { symbol: '600519' })
    const notification = (await inbox.next(MessageType.Notification)).data as Notification
    expect(notification).toMatchObject({
      title: '分析完成',
      content: '600519 分析已完成',
      type: 'analysis',
      link: '/stocks/600519',
      source: 'analysis',
      status: 'unread',
    })
  })
})

describe('task access', () => {
  test('closes with 4404 for an unknown task', async () => {
    const token = await login(server.current, 'user1')
    expect((await watch(token, 'no-such-task').closed).code).toBe(CloseCode.NotFound)
  })

  test('closes with 4403 for another user\'s task, while an admin may watch it', async () => {
    const owner = await login(server.current, 'user1')
    const task = await startTask(owner, { step_ms: 500 })
    expect((await watch(await login(server.current, 'user2'), task.task_id).closed).code).toBe(CloseCode.Forbidden)
    const admin = watch(await login(server.current, 'admin'), task.task_id)
    await admin.next(MessageType.Progress)
    expect(admin.isOpen).toBe(true)
  })

  test('closes with 4401 before anything else when the token is bad', async () => {
    expect((await watch('garbage', 'no-such-task').closed).code).toBe(CloseCode.Unauthorized)
  })
})

describe('the tasks API', () => {
  test('lists the caller\'s tasks newest first and filters by symbol', async () => {
    const token = await login(server.current, 'user2')
    const older = await startTask(token, { symbol: '000858' })
    const newer = await startTask(token, { symbol: '000858' })
    await startTask(token, { symbol: '601318' })
    const result = await api<TaskInfo[]>(server.current, 'GET', `${Paths.tasks}?symbol=000858`, { token })
    const ids = result.body.data!.map(task => task.task_id)
    expect(ids.slice(0, 2)).toEqual([newer.task_id, older.task_id])
    expect(result.body.data!.every(task => task.symbol === '000858' && task.user === 'user2')).toBe(true)
  })

  test('shows users only their own tasks, and admins everyone\'s', async () => {
    const user1 = await login(server.current, 'user1')
    const theirs = await startTask(await login(server.current, 'user2'), { symbol: '600036' })
    const mine = (await api<TaskInfo[]>(server.current, 'GET', Paths.tasks, { token: user1 })).body.data!
    expect(mine.every(task => task.user === 'user1')).toBe(true)
    expect((await api(server.current, 'GET', Paths.task(theirs.task_id), { token: user1 })).status).toBe(404)
    const all = (await api<TaskInfo[]>(server.current, 'GET', Paths.tasks, { token: await login(server.current, 'admin') })).body.data!
    expect(all.map(task => task.task_id)).toContain(theirs.task_id)
  })

  test('keeps the finished result for GET /api/tasks/<id>', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { symbol: '600036' })
    await watch(token, task.task_id).closed
    const finished = taskInfoSchema.parse(await getTask(token, task.task_id))
    expect(finished).toMatchObject({ status: 'completed', progress: 100, step: 5 })
    expect(finished.result).toMatchObject({ symbol: '600036', score: expect.any(Number), summary: expect.any(String) })
  })

  test('rejects a symbol that is not six digits and a fail_at_step past the last step with 422', async () => {
    const token = await login(server.current, 'user1')
    const badSymbol = await api(server.current, 'POST', Paths.tasks, { token, body: taskInput({ symbol: 'ABC' }) })
    expect(badSymbol.status).toBe(422)
    expect(badSymbol.body.message).toContain('symbol')
    const badStep = await api(server.current, 'POST', Paths.tasks, { token, body: taskInput({ fail_at_step: 6 }) })
    expect(badStep.status).toBe(422)
    expect(badStep.body.message).toContain('fail_at_step')
  })

  test('a failed analysis also lands in the owner\'s inbox', async () => {
    const token = await login(server.current, 'admin')
    const task = await startTask(token, { symbol: '000001', fail_at_step: 1 })
    await watch(token, task.task_id).closed
    const inbox = (await api<NotificationPage>(server.current, 'GET', `${Paths.notifications}?type=alert`, { token })).body.data!
    expect(inbox.items[0]).toMatchObject({ title: '分析失败', link: '/stocks/000001' })
  })
})
