/**
 * The plugin (`app.use(createTidings({...}))`) and headless composables backed by Pinia stores. No
 * Element Plus, no vue-i18n, no `window` at import (SSR-safe).
 *
 * @module tidings/vue
 */

/** The plugin: binds your app's session (token, refresh, base URL) and language to Tidings. */
export { createTidings, type TidingsOptions } from '../src/plugin/createTidings'
/** The same plugin with the socket's code in a chunk loaded on the first sign-in: for an app whose login page should stay small. */
export { createLazyTidings } from '../src/plugin/createLazyTidings'
/** What Tidings needs to know about your app's session (the options `createTidings` shares with it). */
export type { TidingsSession } from '../src/plugin/context'
/** The language of Tidings' own texts, as provided by `createTidings({ locale })`. */
export { TIDINGS_LOCALE, useTidingsLocale, type TidingsLocale } from '../src/plugin/locale'
/** The signed-in user's notifications: items, unread count, triage actions, older pages. */
export { useNotifications, type UseNotificationsOptions, type UseNotificationsReturn } from '../src/plugin/useNotifications'
/** The badge's number alone. */
export { useUnreadCount, type UseUnreadCountReturn } from '../src/plugin/useUnreadCount'
/** The live connection: status, connect, disconnect, retry now. */
export { useConnection, type UseConnectionReturn } from '../src/plugin/useConnection'
/** One background task followed live: progress, status, message, result or error. */
export { useTask, type UseTaskOptions, type UseTaskReturn } from '../src/plugin/useTask'
/** What may interrupt the user, saved on the server and followed live. */
export { usePreferences, type UsePreferencesReturn } from '../src/plugin/usePreferences'
/** A triage change's outcome: reached the server, or queued until it is reachable again. */
export type { WriteResult } from '../src/stores/notifications'
/** A task as the composables show it (with elapsed and estimated remaining time). */
export type { TaskView } from '../src/stores/tasks'
/** The Pinia stores behind the composables, for what the composables do not cover (pages, undo windows, the outbox). */
export { useNotificationsStore, type NotificationPageQuery, type NotificationPageResult } from '../src/stores/notifications'
/** The notification connection's store (status, transport, leader tab, send). */
export { useWebSocketStore } from '../src/stores/websocket'
/** The tasks' store: start, follow, list, dismiss. */
export { useTasksStore } from '../src/stores/tasks'
/** The preferences' store, and the browser's time zone quiet hours default to. */
export { browserTimeZone, usePreferencesStore } from '../src/stores/preferences'
/** How the stores build their connections (timings, inbox size, undo window); set before the first store is created. */
export { configureRealtime, realtimeSettings, type RealtimeSettings } from '../src/stores/realtimeSettings'
/** Desktop notifications for arrivals while the page is hidden: permission, the user's switch, show(). */
export { useDesktopNotifications, type DesktopNotificationsOptions, type DesktopNotificationsReturn } from '../src/composables/useDesktopNotifications'
/** A set of selected notification ids for bulk actions (toggle, select all on a page, clear). */
export { useSelection, type Selection } from '../src/composables/useSelection'
