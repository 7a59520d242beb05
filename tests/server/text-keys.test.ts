// The server's own texts travel with stable keys and params beside the Chinese (v1.2, additive), so
// an app can show them in its own language; a notification without keys is stored and sent as before.
import { afterEach, describe, expect, test } from 'vitest'
import {
  MessageType,
  Paths,
  notificationSchema,
  taskFailedSchema,
  taskInfoSchema,
  taskProgressSchema,
  TextKey,
  type CreateTaskRequest,
  type Notification,
  type NotificationPage,
  type TaskInfo,
} from '../../src/protocol'
import { notificationInput, taskInput } from './support/factories'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

async function startTask(token: string, overrides: Partial<CreateTaskRequest> = {}): Promise<TaskInfo> {
  const result = await api<TaskInfo>(server.current, 'POST', Paths.tasks, { token, body: taskInput(overrides) })
  return taskInfoSchema.parse(result.body.data)
}

function watch(token: string, taskId: string): TestSocket {
  const socket = new TestSocket(wsUrl(server.current, Paths.taskSocket(taskId), token))
  sockets.push(socket)
  return socket
}

describe('stable text keys', () => {
  test('a task names its steps by key, and each progress frame carries its step\'s key beside the Chinese name', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { step_ms: 60 })
    expect(task.step_keys).toEqual(['step.fetch_quotes', 'step.technical', 'step.fundamentals', 'step.news_sentiment', 'step.report'])
    expect(task.message_key).toBe(TextKey.TaskPending)

    const socket = watch(token, task.task_id)
    await socket.closed
    const running = socket.all(MessageType.Progress).map(frame => taskProgressSchema.parse(frame.data)).filter(frame => frame.step > 0)
    for (const frame of running)
      expect(frame.message_key).toBe(task.step_keys![frame.step - 1])
    expect(socket.all(MessageType.Completed)[0]!.data).toMatchObject({ message: '分析完成', message_key: TextKey.TaskCompleted })
  })

  test('a failure says which step failed and why, by key, with the step as a param', async () => {
    const token = await login(server.current, 'user1')
    const task = await startTask(token, { fail_at_step: 2 })
    const socket = watch(token, task.task_id)
    await socket.closed
    const failed = taskFailedSchema.parse(socket.all(MessageType.Error)[0]!.data)
    expect(failed).toMatchObject({
      message: '技术分析失败',
      message_key: TextKey.TaskStepFailed,
      error_key: TextKey.TaskStepTimedOut,
      params: { step: '技术分析', step_key: 'step.technical', symbol: '000001' },
    })
  })

  test('the completion and failure notifications carry title and content keys, pushed and listed alike', async () => {
    const token = await login(server.current, 'user2')
    const inbox = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
    sockets.push(inbox)
    await startTask(token, { symbol: '600519' })
    const pushed = notificationSchema.parse((await inbox.next(MessageType.Notification)).data)
    expect(pushed).toMatchObject({
      title: '分析完成',
      title_key: TextKey.AnalysisCompletedTitle,
      content_key: TextKey.AnalysisCompletedContent,
      params: { symbol: '600519' },
    })

    const failing = await startTask(token, { symbol: '000858', fail_at_step: 1 })
    await watch(token, failing.task_id).closed
    const listed = (await api<NotificationPage>(server.current, 'GET', Paths.notifications, { token })).body.data!
    expect(listed.items.find(item => item.id === pushed.id)).toMatchObject({ title_key: TextKey.AnalysisCompletedTitle, params: { symbol: '600519' } })
    expect(listed.items.find(item => item.title === '分析失败')).toMatchObject({
      title_key: TextKey.AnalysisFailedTitle,
      content_key: TextKey.AnalysisFailedContent,
      params: { symbol: '000858', step_key: 'step.fetch_quotes', reason_key: TextKey.TaskStepTimedOut },
    })
  })

  test('a notification created with keys keeps them, and one without keys has none (as in v1)', async () => {
    const token = await login(server.current, 'admin')
    const keyed = await api<Notification>(server.current, 'POST', Paths.notifications, {
      token,
      body: notificationInput({ title: '价格提醒', title_key: 'notification.price_alert.title', params: { symbol: '600519', percent: 3 } }),
    })
    expect(keyed.status).toBe(201)
    expect(keyed.body.data).toMatchObject({ title_key: 'notification.price_alert.title', params: { symbol: '600519', percent: 3 } })

    const plain = await api<Notification>(server.current, 'POST', Paths.notifications, { token, body: notificationInput() })
    expect(plain.body.data).not.toHaveProperty('title_key')
    expect(plain.body.data).not.toHaveProperty('params')
  })

  test('refuses a key that is not lower-case words joined by dots with 422', async () => {
    const token = await login(server.current, 'admin')
    const result = await api(server.current, 'POST', Paths.notifications, { token, body: notificationInput({ title_key: 'Not A Key!' }) })
    expect(result.status).toBe(422)
  })
})
