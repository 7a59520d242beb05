// Every default handler (the SSE stream is opt-in: see `streamHandler`), in the order msw should try them. Tests add overrides with `server.use(...)`.
import { restHandlers } from './rest'
import { notificationSocketHandler, taskSocketHandler } from './sockets'

export const handlers = [...restHandlers, notificationSocketHandler, taskSocketHandler]
