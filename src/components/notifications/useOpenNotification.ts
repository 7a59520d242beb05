import { getCurrentInstance } from 'vue'
import { classifyLink, type Notification } from '@/protocol'
import { useNotificationsStore } from '@/stores/notifications'
import { useTriage } from './useTriage'

/** What of vue-router's router is used: duck-typed, so the library does not depend on vue-router. */
interface Navigator {
  push: (to: string) => unknown
}

/** The app's router when it has one (`app.use(router)`), read without importing vue-router. */
function appRouter(): Navigator | null {
  const router = getCurrentInstance()?.appContext.config.globalProperties.$router as Navigator | undefined
  return typeof router?.push === 'function' ? router : null
}

/**
 * Goes to an in-app path: through the app's router when it has one, else by loading the page
 * (`location.assign`), for apps without vue-router.
 */
export function useNavigate(): (path: string) => void {
  const router = appRouter()
  return (path) => {
    if (router)
      void router.push(path)
    else
      window.location.assign(path)
  }
}

/**
 * Opening a notification, wherever it is clicked (bell, inbox, toast): mark it read, then follow
 * its link — in-app paths through the router (or `location` without one), http(s) in a new tab,
 * anything else is ignored.
 */
export function useOpenNotification() {
  const store = useNotificationsStore()
  const navigate = useNavigate()
  const { failed, queuedNotice } = useTriage()

  async function markRead(notification: Notification): Promise<void> {
    try {
      queuedNotice(await store.markRead(notification.id))
    }
    catch (error) {
      failed(error, () => void markRead(notification), 'notification.actionFailed')
    }
  }

  function followLink(link: string | null | undefined): void {
    const target = classifyLink(link ?? '')
    if (target.kind === 'internal')
      navigate(target.path)
    else if (target.kind === 'external')
      window.open(target.href, '_blank', 'noopener,noreferrer')
  }

  function open(notification: Notification): void {
    if (notification.status === 'unread')
      void markRead(notification)
    followLink(notification.link)
  }

  return { open, markRead, followLink }
}
