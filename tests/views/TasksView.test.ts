import { flushPromises } from '@vue/test-utils'
import { fail, on, seed, serverTasks, taskInfo, taskUpdates, useMswServer } from '../msw'
import { Routes } from '../../src/protocol'
import { buttonNamed, mountApp, unmountApp } from './support'

const server = useMswServer()

afterEach(async () => {
  await unmountApp()
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

function card(wrapper: Wrapper, taskId: string) {
  return wrapper.get(`[data-task-id="${taskId}"]`)
}

function cardButton(wrapper: Wrapper, taskId: string, name: string) {
  return card(wrapper, taskId).findAll('button').find(button => button.text() === name)!
}

function progressOf(wrapper: Wrapper, taskId: string): number {
  return Number(card(wrapper, taskId).get('[role="progressbar"]').attributes('aria-valuenow'))
}

async function startAnalysis(wrapper: Wrapper, symbol: string) {
  await wrapper.get('input[inputmode="numeric"]').setValue(symbol)
  await wrapper.get('.task-start-form').trigger('submit')
  await flushPromises()
}

/** The id of the task the server created last, as the server lists it (newest first). */
async function createdTaskId(): Promise<string> {
  const [newest] = await vi.waitFor(async () => {
    const tasks = await serverTasks(localStorage.getItem('auth-token')!, 1)
    expect(tasks).not.toHaveLength(0)
    return tasks
  })
  return newest!.task_id
}

describe('the tasks page', () => {
  test('the heading has the nav link\'s name', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    const navName = wrapper.findAll('nav a').find(link => link.attributes('href') === '/tasks')!.text()
    expect(wrapper.get('h1').text()).toBe(navName)
  })

  test('a failed analysis is shown as an error and can be started again or dismissed', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await startAnalysis(wrapper, '600519')
    const failedId = await createdTaskId()
    await vi.waitFor(() => expect(taskUpdates.subscribers(failedId)).toBe(1))
    taskUpdates.fail(failedId)
    await vi.waitFor(() => expect(card(wrapper, failedId).classes()).toContain('is-error'))
    expect(card(wrapper, failedId).find('.el-alert--error').exists()).toBe(true)
    expect(card(wrapper, failedId).text()).toMatch(/Started \d{2}:\d{2}:\d{2}/)

    await cardButton(wrapper, failedId, 'Retry').trigger('click')
    await vi.waitFor(async () => expect(await createdTaskId()).not.toBe(failedId))
    const retriedId = await createdTaskId()
    await vi.waitFor(() => expect(wrapper.find(`[data-task-id="${retriedId}"]`).exists()).toBe(true))
    expect(card(wrapper, retriedId).text()).toContain('600519')

    await cardButton(wrapper, failedId, 'Dismiss').trigger('click')
    await vi.waitFor(() => expect(wrapper.find(`[data-task-id="${failedId}"]`).exists()).toBe(false))
  })

  test('a started analysis follows its progress frames to completed', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await startAnalysis(wrapper, '000001')
    const taskId = await createdTaskId()
    await vi.waitFor(() => expect(taskUpdates.subscribers(taskId)).toBe(1))

    taskUpdates.advance(taskId, 2)
    await vi.waitFor(() => expect(progressOf(wrapper, taskId)).toBe(40))
    expect(card(wrapper, taskId).text()).toContain('Step 2 of 5')
    // The server sends the step's key beside its Chinese name: the English page names it in English.
    expect(card(wrapper, taskId).text()).toContain('Technical analysis')
    expect(card(wrapper, taskId).text()).toContain('Running')

    taskUpdates.complete(taskId)
    await vi.waitFor(() => expect(card(wrapper, taskId).text()).toContain('Completed'))
    expect(progressOf(wrapper, taskId)).toBe(100)
    expect(card(wrapper, taskId).get('a').attributes('href')).toBe('/stocks/000001')
  })

  test('a failed analysis shows the reason', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await startAnalysis(wrapper, '600519')
    const taskId = await createdTaskId()
    await vi.waitFor(() => expect(taskUpdates.subscribers(taskId)).toBe(1))

    taskUpdates.advance(taskId, 1)
    taskUpdates.fail(taskId, '数据源不可用')

    await vi.waitFor(() => expect(card(wrapper, taskId).text()).toContain('Failed'))
    expect(card(wrapper, taskId).get('[role="alert"]').text()).toContain('Reason: 数据源不可用')
  })

  test('tasks already running when the page opens show where they are', async () => {
    seed.signedIn()
    const task = seed.task(taskInfo({ symbol: '000858', step: 3, progress: 60, message: '基本面分析' }))
    const { wrapper } = await mountApp('/tasks')

    await vi.waitFor(() => expect(progressOf(wrapper, task.task_id)).toBe(60))
    expect(card(wrapper, task.task_id).text()).toContain('000858')
    expect(card(wrapper, task.task_id).text()).toContain('Step 3 of 5')
  })

  test('says so when the server refuses to start an analysis', async () => {
    seed.signedIn()
    server.use(on(Routes.startTask, () => fail(422, 'symbol must be six digits')))
    const { wrapper, pageText } = await mountApp('/tasks')
    await startAnalysis(wrapper, '000001')

    await vi.waitFor(() => expect(pageText()).toContain('Could not start the analysis: symbol must be six digits'))
  })

  test('with nothing started yet, invites the user to start one', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await vi.waitFor(() => expect(wrapper.text()).toContain('No tasks yet'))
    expect(buttonNamed(wrapper, 'Start analysis').exists()).toBe(true)
  })

  test('the stock page link pre-fills the code', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks?symbol=300750')
    expect((wrapper.get('input[inputmode="numeric"]').element as HTMLInputElement).value).toBe('300750')
  })
})
