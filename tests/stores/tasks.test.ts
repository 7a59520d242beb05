import { createPinia, setActivePinia } from 'pinia'
import { http } from 'msw'
import { Paths } from '../../src/protocol'
import { useTasksStore } from '../../src/stores/tasks'
import { ok, seed, server, taskInfo, taskUpdates, useMswServer } from '../msw'
import { bindAppSession, disposeStores, usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

beforeEach(() => {
  seed.signedIn('admin')
})

test('a started analysis runs through its steps to a completed result', async () => {
  const tasks = useTasksStore()
  const id = await tasks.start({ symbol: '000001' })
  expect(tasks.tasks[0]).toMatchObject({ task_id: id, symbol: '000001', status: 'pending', progress: 0 })
  await vi.waitFor(() => expect(taskUpdates.subscribers(id)).toBe(1))
  taskUpdates.advance(id, 1)
  await vi.waitFor(() => expect(tasks.tasks[0]).toMatchObject({ step: 1, progress: 20, message: '获取行情数据' }))
  taskUpdates.complete(id, { recommendation: 'buy' })
  await vi.waitFor(() => expect(tasks.tasks[0]!.status).toBe('completed'))
  expect(tasks.tasks[0]).toMatchObject({ progress: 100, step: 5, result: { recommendation: 'buy' }, remainingMs: 0 })
  await vi.waitFor(() => expect(taskUpdates.subscribers(id)).toBe(0))
})

test('a failed analysis shows the server\'s reason', async () => {
  const tasks = useTasksStore()
  const id = await tasks.start({ symbol: '600519' })
  await vi.waitFor(() => expect(taskUpdates.subscribers(id)).toBe(1))
  taskUpdates.advance(id, 2)
  taskUpdates.fail(id, '数据源不可用')
  await vi.waitFor(() => expect(tasks.tasks[0]).toMatchObject({ status: 'error', error: '数据源不可用', step: 2 }))
  expect(tasks.tasks[0]!.remainingMs).toBeNull()
})

test('joining late starts from where the task already is', async () => {
  const running = seed.task(taskInfo({ status: 'running', step: 3, progress: 60, message: '基本面分析' }))
  const done = seed.task(taskInfo({ status: 'completed', step: 5, progress: 100, result: { score: 7 } }))
  const tasks = useTasksStore()
  await tasks.load()
  expect(tasks.tasks.map(t => [t.task_id, t.status, t.progress])).toEqual([
    [done.task_id, 'completed', 100],
    [running.task_id, 'running', 60],
  ])
  await vi.waitFor(() => expect(taskUpdates.subscribers(running.task_id)).toBe(1))
  expect(taskUpdates.subscribers(done.task_id)).toBe(0)
})

test('a stale snapshot never moves progress backwards', async () => {
  const task = seed.task(taskInfo({ status: 'running', step: 1, progress: 20 }))
  const tasks = useTasksStore()
  tasks.watch(task.task_id)
  await vi.waitFor(() => expect(taskUpdates.subscribers(task.task_id)).toBe(1))
  taskUpdates.advance(task.task_id, 4)
  await vi.waitFor(() => expect(tasks.tasks[0]!.step).toBe(4))
  server.use(http.get(`*${Paths.tasks}`, () => ok([{ ...task, step: 2, progress: 40 }])))
  await tasks.load()
  expect(tasks.tasks[0]).toMatchObject({ step: 4, progress: 80 })
})

test('after a dropped task socket, progress resumes from the server\'s current step', async () => {
  const task = seed.task(taskInfo({ status: 'running', step: 1, progress: 20 }))
  const tasks = useTasksStore()
  tasks.watch(task.task_id)
  await vi.waitFor(() => expect(taskUpdates.subscribers(task.task_id)).toBe(1))
  taskUpdates.dropSockets(task.task_id)
  taskUpdates.advance(task.task_id, 3) // progress made while we were away
  await vi.waitFor(() => expect(tasks.tasks[0]).toMatchObject({ step: 3, progress: 60, status: 'running' }), { timeout: 10_000 }) // the task socket's real backoff (about 1 s), however slow the machine
})

test('a task that does not exist ends in an error instead of retrying', async () => {
  const tasks = useTasksStore()
  tasks.watch('t-missing')
  await vi.waitFor(() => expect(tasks.tasks[0]).toMatchObject({ task_id: 't-missing', status: 'error', error: 'task not found' }))
})

test('elapsed and remaining time follow the pace of the steps', async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  try {
    const tasks = useTasksStore()
    const id = await tasks.start({ symbol: '000001' })
    await vi.waitFor(() => expect(taskUpdates.subscribers(id)).toBe(1))
    vi.advanceTimersByTime(2000)
    taskUpdates.advance(id, 1) // 20 % after 2 s
    await vi.waitFor(() => expect(tasks.tasks[0]!.step).toBe(1))
    expect(tasks.tasks[0]).toMatchObject({ elapsedMs: 2000, remainingMs: 8000 })
    vi.advanceTimersByTime(1000) // the clock ticks on its own while the task runs
    expect(tasks.tasks[0]).toMatchObject({ elapsedMs: 3000, remainingMs: 12_000 })
    taskUpdates.complete(id)
    await vi.waitFor(() => expect(tasks.tasks[0]!.status).toBe('completed'))
    const finishedAfter = tasks.tasks[0]!.elapsedMs
    vi.advanceTimersByTime(5000)
    expect(tasks.tasks[0]!.elapsedMs).toBe(finishedAfter)
  }
  finally {
    vi.useRealTimers()
  }
})

test('the stock page gets the newest completed result of its symbol', async () => {
  seed.task(taskInfo({ symbol: '000001', status: 'completed', progress: 100, result: { score: 1 } }))
  const newest = seed.task(taskInfo({ symbol: '000001', status: 'completed', progress: 100, result: { score: 2 } }))
  seed.task(taskInfo({ symbol: '000001', status: 'running' }))
  seed.task(taskInfo({ symbol: '600519', status: 'completed', progress: 100 }))
  const tasks = useTasksStore()
  expect(await tasks.latestResult('000001')).toMatchObject({ task_id: newest.task_id, result: { score: 2 } })
  expect(await tasks.latestResult('300750')).toBeNull()
})

test('a task started in another tab appears here too', async () => {
  const otherTab = createPinia()
  bindAppSession(otherTab)
  setActivePinia(otherTab)
  const there = useTasksStore()
  const herePinia = createPinia()
  bindAppSession(herePinia)
  setActivePinia(herePinia)
  const here = useTasksStore()
  try {
    const id = await there.start({ symbol: '000001' })
    await vi.waitFor(() => expect(here.tasks.map(t => t.task_id)).toEqual([id]))
    taskUpdates.advance(id, 2)
    await vi.waitFor(() => expect(here.tasks[0]!.progress).toBe(40))
  }
  finally {
    disposeStores(otherTab)
    disposeStores(herePinia)
  }
})
