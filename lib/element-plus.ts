/**
 * The prebuilt UI on Element Plus (bell with menu, inbox, task progress card, connection indicator,
 * preferences form), in English and Chinese, light and dark. Needs vue, pinia and element-plus only
 * (no vue-i18n, no vue-router); Element Plus components are imported by each component, so an app
 * without unplugin's resolver works too.
 *
 * @module tidings/element-plus
 */

/** The header bell: badge with the unread count, and its menu (tabs, rows, mark all read); `#item` renders a row. */
export { default as NotificationBell } from '../src/components/notifications/LiveNotificationBell.vue'
/** The inbox page's content: views, search, day headings, selection and bulk actions, keyboard triage; `#item` renders a row. */
export { default as NotificationInbox } from '../src/components/notifications/NotificationInbox.vue'
/** What the inbox shows, and its URL form for apps that keep it in the address bar. */
export { parseInboxQuery, toRouteQuery, type InboxQuery, type UrlQuery } from '../src/components/notifications/inboxQuery'
/** One task's progress: status, step, elapsed and remaining time, the server's words in the language. */
export { default as TaskProgressCard } from '../src/components/tasks/TaskProgressCard.vue'
/** The connection state (live, reconnecting, offline…) with "Retry now" and "Use here". */
export { default as ConnectionIndicator } from '../src/components/layout/ConnectionIndicator.vue'
/** The "what may interrupt you" form: type × channel (pop-up, desktop, sound) and quiet hours. */
export { default as NotificationPreferences } from '../src/components/settings/NotificationPreferences.vue'
/** The dialog that asks for a date and time to snooze a notification until (loaded when first shown). */
export { LazyNotificationSnoozePicker as NotificationSnoozePicker } from '../src/components/notifications/lazy'
/** Toasts, desktop notifications and a screen-reader announcement for live arrivals, as preferences allow: mount once. */
export { default as NotificationToasts } from '../src/components/notifications/NotificationToasts.vue'
/** The desktop-notification switch and the browser's permission (asks from the click that turns it on). */
export { default as DesktopNotificationSettings } from '../src/components/settings/DesktopNotificationSettings.vue'
/** A polite aria-live region: put useArrivalAlerts' `announcement` in it. */
export { default as LiveRegion } from '../src/components/common/LiveRegion.vue'
/** A live-updating "3 minutes ago" with the full date as its title. */
export { default as RelativeTime } from '../src/components/common/RelativeTime.vue'

/** What rows, menus and toasts do with a notification; provide your own to override some. */
export { provideNotificationActions, useNotificationActions, NotificationActionsKey, type NotificationActions } from '../src/components/notifications/actions'
/** Provides the store-backed actions (triage with Undo, links via the router or `location`); the bell does this itself. */
export { useDefaultNotificationActions, type DefaultNotificationActionsOptions } from '../src/components/notifications/useDefaultNotificationActions'
/** Toasts, desktop notifications and a screen-reader announcement for live arrivals, as preferences allow. */
export { useArrivalAlerts, type ArrivalAlertsOptions } from '../src/components/notifications/useArrivalAlerts'
/** Triage as the user sees it (change at once, Undo toasts, refusals said and rolled back). */
export { useTriage } from '../src/components/notifications/useTriage'

/** Tidings' own texts in the plugin's language: `t(key, values)`, `d`, `n` (Intl). */
export { useTidingsText, type TextValues, type TidingsText } from '../src/plugin/text'
/** Loads a language's texts ahead of the first render in it (English is built in; others load on first use). */
export { loadTidingsMessages } from '../src/plugin/text'
/** A text the server sent with a stable key, in the language (else the server's words); a notification's title and content. */
export { useServerText, useNotificationText } from '../src/plugin/useServerText'
/** Readies the relative-time and date formatters of a language before the first time is shown. */
export { prepareFormatters } from '../src/plugin/format'
