export type BellTab = 'unread' | 'all'
