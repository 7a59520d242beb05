import { classifyLink, type Notification } from '@/protocol'
import { useNotificationsStore } from '@/stores/notifications'
import { useNavigate } from '@/plugin/navigate'
import { useTriage } from './useTriage'

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
