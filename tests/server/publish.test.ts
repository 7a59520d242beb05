// publish() and startTask() of the standalone server (createTidingsServer): the demo's own users.
import { afterEach, expect, test } from 'vitest'
import { MessageType, Paths, type NotificationPage } from '../../src/protocol'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

test('a notification published from code is stored and pushed like one sent over REST', async () => {
  const token = await login(server.current, 'user1')
  const socket = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
  sockets.push(socket)
  const [stored] = await server.current.publish('user1', { title: '报表已生成', content: '三月', type: 'system', link: '/reports' })
  expect((await socket.next(MessageType.Notification)).data).toMatchObject({ id: stored!.id, title: '报表已生成', link: '/reports' })
  const page = await api<NotificationPage>(server.current, 'GET', Paths.notifications, { token })
  expect(page.body.data!.items[0]!.id).toBe(stored!.id)
})

test('publishing to a user the server does not know is refused with 404, and to everyone reaches every user', async () => {
  await expect(server.current.publish('nobody', { title: 'x', content: '', type: 'system' })).rejects.toMatchObject({ status: 404 })
  const items = await server.current.publish('*', { title: '维护通知', content: '', type: 'system' })
  expect(items).toHaveLength(3)
})

test('an application task ends without the analysis notification the simulator sends', async () => {
  const token = await login(server.current, 'user2')
  const inbox = await connect(wsUrl(server.current, Paths.notificationsSocket, token))
  sockets.push(inbox)
  const task = await server.current.startTask('user2', { name: 'Nightly import' })
  const watcher = new TestSocket(wsUrl(server.current, Paths.taskSocket(task.id), token))
  sockets.push(watcher)
  await watcher.next(MessageType.Progress)
  await task.complete()
  await watcher.next(MessageType.Completed)
  const result = await api<{ status: string }>(server.current, 'GET', Paths.task(task.id), { token })
  expect(result.body.data).toMatchObject({ status: 'completed', symbol: 'Nightly import' })
  // A push sent after the task's end would arrive before this one, which is sent after it.
  await server.current.publish('user2', { title: 'marker', content: '', type: 'system' })
  expect((await inbox.next(MessageType.Notification)).data.title).toBe('marker')
})
