import { onBeforeUnmount, onMounted, ref } from 'vue'
import { ElNotification } from '@/utils/elementServices'
import type { Notification } from '@/protocol'
import { inInbox } from '@/inbox'
import { useNotificationsStore } from '@/stores/notifications'
import { usePreferencesStore } from '@/stores/preferences'
import { chime } from '@/utils/chime'
import { useTidingsText } from '@/plugin/text'
import { useNotificationText } from '@/plugin/useServerText'
import { useDesktopNotifications } from '@/composables/useDesktopNotifications'
import { pageHidden } from '@/utils/pageVisibility'
// Element Plus' toast styles (with its base), for apps that do not import them themselves.
import 'element-plus/es/components/notification/style/css'
import './tidings.css'

export interface ArrivalAlertsOptions {
  /** Opens a notification (mark read + follow link) when its toast is clicked. */
  open: (notification: Notification) => void
  /** Marks it read when its desktop notification is clicked (the composable follows the link). */
  markRead: (notification: Notification) => void
  /** Follows an in-app path from a desktop notification. */
  navigate: (path: string) => unknown
  /** Opens the inbox, for the "N more" summary. */
  openInbox: () => void
  /**
   * While true, no toast is shown (the bell's menu is open and already shows the arrival); the badge,
   * desktop notifications and the screen-reader announcement go on.
   * @default () => false
   */
  holdToasts?: () => boolean
  /**
   * Arrivals after the first one in this window are gathered into one summary, so a burst of a
   * thousand pushes makes two toasts, not a thousand.
   * @default 1500
   */
  windowMs?: number
  /**
   * The icon of desktop notifications.
   * @default '/favicon.svg'
   */
  icon?: string
  /**
   * Where the "N new notifications" desktop notification leads.
   * @default '/notifications'
   */
  inboxPath?: string
}

const TOAST_TYPE = { analysis: 'success', alert: 'warning', system: 'info' } as const
type ToastType = (typeof TOAST_TYPE)[keyof typeof TOAST_TYPE]
const CONTENT_LIMIT = 140

/**
 * Tells the user about live arrivals: a toast while the page is visible, a desktop notification
 * while it is hidden, and a polite screen-reader announcement either way.
 */
export function useArrivalAlerts(options: ArrivalAlertsOptions) {
  const { windowMs = 1500, icon = '/favicon.svg', inboxPath = '/notifications' } = options
  const store = useNotificationsStore()
  const preferences = usePreferencesStore()
  const desktop = useDesktopNotifications({ navigate: options.navigate, icon })
  const { t } = useTidingsText()
  const notificationText = useNotificationText()
  /** Text of the aria-live region. */
  const announcement = ref('')

  let held: Notification[] = []
  let windowTimer: ReturnType<typeof setTimeout> | null = null

  function clip(text: string): string {
    return text.length > CONTENT_LIMIT ? `${text.slice(0, CONTENT_LIMIT)}…` : text
  }

  /** A toast below the header that closes and does `onClick` when clicked. */
  function showToast(content: { title: string, message: string, type: ToastType }, onClick: () => void) {
    if (options.holdToasts?.())
      return
    const toast = ElNotification({
      ...content,
      offset: 64,
      duration: 4500,
      customClass: 'arrival-toast',
      onClick: () => {
        toast.close()
        onClick()
      },
    })
  }

  function alertOne(notification: Notification) {
    // In the page's language where the server sent keys (`title_key`, `content_key`), else as sent.
    const title = notificationText.title(notification)
    const content = notificationText.content(notification)
    announcement.value = t('notification.announce', { title })
    if (!pageHidden()) {
      showToast({
        title,
        // A plain string: Element Plus renders it as text (dangerouslyUseHTMLString stays off).
        message: clip(content),
        type: TOAST_TYPE[notification.type] ?? 'info',
      }, () => options.open(notification))
    }
    else {
      desktop.show({ ...notification, title, content }, () => options.markRead(notification))
    }
  }

  function alertSummary(count: number) {
    announcement.value = t('notification.announceMany', { n: count })
    if (!pageHidden()) {
      showToast({
        title: t('notification.announceMany', { n: count }),
        message: t('bell.viewAll'),
        type: 'info',
      }, () => options.openInbox())
    }
    else {
      // One desktop notification stands for the burst; clicking it opens the inbox.
      desktop.show({
        id: `burst-${Date.now()}`,
        title: t('notification.announceMany', { n: count }),
        content: '',
        type: 'system',
        link: inboxPath,
        source: null,
        created_at: new Date().toISOString(),
        status: 'unread',
        archived: false,
        snoozed_until: null,
      })
    }
  }

  // A toast mounts its own little app and moves the others; doing that in the frame that also
  // renders the arrival would make one long task, so it runs in a task of its own.
  let alertTimer: ReturnType<typeof setTimeout> | null = null
  function soon(alert: () => void) {
    alertTimer = setTimeout(() => {
      alertTimer = null
      alert()
    }, 0)
  }

  function closeWindow() {
    windowTimer = null
    const batch = held
    held = []
    if (batch.length === 1)
      alertOne(batch[0])
    else if (batch.length > 1)
      alertSummary(batch.length)
    if (batch.length)
      windowTimer = setTimeout(closeWindow, windowMs)
  }

  function onArrival(notification: Notification) {
    // A replayed item that is already done or snoozed is news to nobody.
    if (!inInbox(notification))
      return
    // Preferences and quiet hours decide what interrupts; the inbox and the badge have it anyway.
    if (preferences.mayInterrupt(notification.type, 'sound'))
      chime()
    if (!preferences.mayInterrupt(notification.type, pageHidden() ? 'desktop' : 'toast'))
      return
    if (windowTimer) {
      held.push(notification)
      return
    }
    soon(() => alertOne(notification))
    windowTimer = setTimeout(closeWindow, windowMs)
  }

  let unsubscribe: (() => void) | null = null
  onMounted(() => {
    unsubscribe = store.onArrival(onArrival)
  })
  onBeforeUnmount(() => {
    unsubscribe?.()
    if (alertTimer)
      clearTimeout(alertTimer)
    if (windowTimer)
      clearTimeout(windowTimer)
    windowTimer = null
    held = []
  })

  return { announcement }
}
