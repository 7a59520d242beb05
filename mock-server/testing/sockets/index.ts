// msw's `ws` links for the two sockets and `sse` for the compatibility stream, one file each, behaving
// like the protocol server; the hub tests push through, and the faults they inject.
import { resetFaults } from './faults'
import { resetNotificationSockets } from './notifications'
import { resetStreams } from './stream'
import { resetTaskSockets } from './tasks'

export { socketLog, socketSettings } from './faults'
export { mswHub, pushFrame, pushNotification, pushRead, pushResync } from './hub'
export { closeSocketsOfToken, notificationSocket, notificationSocketHandler, socketsOf } from './notifications'
export { endStreams, streamHandler, streamSubscribers } from './stream'
export { taskSocket, taskSocketHandler, taskUpdates } from './tasks'

/** Forgets every socket and stream and restores the faults (called between tests by `useMswServer`). */
export function resetSockets(): void {
  resetNotificationSockets()
  resetTaskSockets()
  resetStreams()
  resetFaults()
}
