export { countsAsUnread, inInbox, undoOf, type ItemAction } from './changes'
export { inboxEventOf, type InboxEvent, type OptimisticChange, type RemoteChange } from './events'
export { createInboxModel, type InboxModel, type InboxModelOptions } from './model'
export type { CountWindow } from './unreadCount'
