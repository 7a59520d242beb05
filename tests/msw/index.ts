// One import for tests: `import { server, useMswServer, notificationSocket, seed, notification } from '../msw'`.
export { server, useMswServer } from './server'
export { handlers } from './handlers'
export { seed } from './seed'
export { fail, ok } from './rest'
export { mswPath, on } from './routes'
export {
  endStreams,
  notificationSocket,
  pushFrame,
  pushNotification,
  pushRead,
  pushResync,
  socketLog,
  socketSettings,
  socketsOf,
  streamHandler,
  streamSubscribers,
  taskSocket,
  taskUpdates,
} from './sockets'
export * from './fixtures'
export { serverNotifications, serverTasks } from './ask'
