// One import for tests: `import { server, useMswServer, notificationSocket, seed, notification } from '../msw'`.
export { server, useMswServer } from './server'
export { handlers } from '../../mock-server/testing/handlers'
export { seed } from './seed'
export { fail, ok } from '../../mock-server/testing/rest'
export { mswPath, on } from '../../mock-server/testing/routes'
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
} from '../../mock-server/testing/sockets'
export * from './fixtures'
export { serverNotifications, serverTasks } from './ask'
