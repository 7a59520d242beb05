// Desktop notifications done politely: permission is asked only from a click, a notification
// appears only while the page is hidden (the in-app toast covers the visible case), its tag is
// the notification id so several tabs show it once, and a click focuses the page and follows
// the link (in-app paths through the router, http(s) in a new tab, nothing else).
import { ref, watch, type Ref } from 'vue'
import { classifyLink, type Notification as TidingsNotification } from '@/protocol'
import { pageHidden } from '@/utils/pageVisibility'
import { readStored, writeStored } from '@/utils/safeStorage'

const ENABLED_KEY = 'tidings-desktop-notifications'

export interface DesktopNotificationsOptions {
  /** Follows an in-app path (pass `router.push`). @default (path) => location.assign(path) */
  navigate?: (path: string) => unknown
  /** Icon shown beside the text. @default '/favicon.ico' */
  icon?: string
  /** The browser's Notification API; null where missing. @default globalThis.Notification */
  NotificationApi?: typeof Notification | null
}

export interface DesktopNotificationsReturn {
  /** Whether this browser has desktop notifications at all. */
  supported: boolean
  /** What the browser allows: `granted`, `denied`, `default` (not asked yet) or `unsupported`. */
  permission: Ref<NotificationPermission | 'unsupported'>
  /** The user's own switch, remembered across visits. */
  enabled: Ref<boolean>
  /** Asks the browser; call only from a user's click. */
  requestPermission: () => Promise<NotificationPermission>
  /** Shows `n` if the page is hidden, permission is granted and the user enabled it; returns whether it did. */
  show: (n: TidingsNotification, onClick?: () => void) => boolean
}

export function useDesktopNotifications(options: DesktopNotificationsOptions = {}): DesktopNotificationsReturn {
  const api = options.NotificationApi === undefined
    ? (globalThis as { Notification?: typeof Notification }).Notification ?? null
    : options.NotificationApi
  const supported = !!api
  const permission = ref<NotificationPermission | 'unsupported'>(api ? api.permission : 'unsupported')
  const enabled = ref(readStored(ENABLED_KEY) !== 'false')
  const navigate = options.navigate ?? ((path: string) => location.assign(path))
  /** Ids this tab already showed: a repeat (a relay, a resync) must not ring twice. */
  const shownIds = new Set<string>()

  watch(enabled, next => writeStored(ENABLED_KEY, String(next)), { flush: 'sync' })

  async function requestPermission(): Promise<NotificationPermission> {
    if (!api)
      return 'denied'
    try {
      permission.value = await api.requestPermission()
    }
    catch {
      permission.value = api.permission
    }
    if (permission.value === 'granted')
      enabled.value = true
    return permission.value as NotificationPermission
  }

  function follow(link: string | null | undefined): void {
    const target = classifyLink(link)
    if (target.kind === 'internal')
      void navigate(target.path)
    else if (target.kind === 'external')
      window.open(target.href, '_blank', 'noopener,noreferrer')
  }

  function show(n: TidingsNotification, onClick?: () => void): boolean {
    if (!api || api.permission !== 'granted' || !enabled.value)
      return false
    if (!pageHidden() || shownIds.has(n.id))
      return false
    try {
      shownIds.add(n.id)
      if (shownIds.size > 1000)
        shownIds.delete(shownIds.values().next().value as string)
      const shown = new api(n.title, { body: n.content, tag: n.id, icon: options.icon ?? '/favicon.ico' })
      shown.onclick = () => {
        window.focus()
        shown.close()
        onClick?.()
        follow(n.link)
      }
      return true
    }
    catch {
      // e.g. Chrome on Android allows notifications only from a service worker
      return false
    }
  }

  return { supported, permission, enabled, requestPermission, show }
}
