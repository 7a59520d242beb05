// `tidings` in plain Node, as a backend job or a CLI would use it: no Vue, no browser. Its
// framework-free client connects to a real server and a pushed notification lands in its inbox model.
import { expect, test, vi } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import {
  createConnection,
  createInboxModel,
  inboxEventOf,
  Paths,
  parseNotificationChannelMessage,
  type NotificationChannelMessage,
  type WebSocketConstructor,
} from 'tidings'
import { notificationInput } from './support/factories'
import { api, login, useTestServer } from './support/server'

const server = useTestServer()

test('the framework-free client receives a notification pushed to its user, in plain Node', async () => {
  const token = await login(server.current, 'user1')
  const connection = createConnection<NotificationChannelMessage>({
    baseUrl: server.current.url,
    path: Paths.notificationsSocket,
    parse: parseNotificationChannelMessage,
    getToken: () => token,
    WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
  })
  const inbox = createInboxModel({ limit: 100, fetchUnreadCount: () => Promise.resolve(0) })
  connection.on('message', (message) => {
    const event = inboxEventOf(message)
    if (event)
      inbox.apply(event)
  })
  try {
    connection.connect()
    await vi.waitFor(() => expect(connection.snapshot.status).toBe('open'))

    const adminToken = await login(server.current, 'admin')
    const created = await api(server.current, 'POST', Paths.notifications, { token: adminToken, body: notificationInput({ user: 'user1', title: 'Build finished' }) })
    expect(created.status).toBe(201)

    await vi.waitFor(() => {
      inbox.flush()
      expect(inbox.items.map(item => item.title)).toEqual(['Build finished'])
    })
    expect(inbox.unreadCount).toBe(1)
  }
  finally {
    connection.dispose()
    inbox.dispose()
  }
})
