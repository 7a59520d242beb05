import { onScopeDispose, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { provideNotificationActions } from '@/components/notifications/actions'
import type { Notification } from 'tidings'
import { useNotificationsStore } from 'tidings/vue'
import { ElMessage } from '@/utils/elementServices'
import { useOpenNotification } from './useOpenNotification'
import { useTriage } from './useTriage'

/**
 * The app-wide notification actions, provided once by the shell to the bell, the inbox page and their
 * rows. `snoozeTarget` is the notification waiting for a picked snooze time (the shell shows the picker).
 */
export function useShellNotificationActions() {
  const store = useNotificationsStore()
  const router = useRouter()
  const { open, markRead } = useOpenNotification()
  const { triage, failed, queuedNotice } = useTriage()
  const { t } = useI18n()
  const snoozeTarget = shallowRef<Notification | null>(null)
  const one = (notification: Notification) => [notification.id]

  const actions = provideNotificationActions({
    open,
    markRead: notification => void markRead(notification),
    async markAllRead() {
      try {
        queuedNotice(await store.markAllRead())
      }
      catch (failure) {
        failed(failure, () => void actions.markAllRead(), 'notification.markAllFailed')
      }
    },
    toggleRead: notification => void triage({ action: notification.status === 'unread' ? 'read' : 'unread', ids: one(notification) }),
    done: notification => void triage({ action: 'archive', ids: one(notification) }, { withUndo: true }),
    restore: notification => void triage({ action: notification.archived ? 'unarchive' : 'unsnooze', ids: one(notification) }),
    snooze: (notification, until) => void triage({ action: 'snooze', ids: one(notification), until: until.toISOString() }, { withUndo: true }),
    pickSnooze: (notification) => {
      snoozeTarget.value = notification
    },
    remove: notification => void triage({ action: 'remove', ids: one(notification) }),
    retry: () => void store.sync().catch(() => {}),
    viewAll: options => void router.push({ name: 'notifications', query: options?.unreadOnly ? { view: 'unread' } : {} }),
  })

  // A change made while offline that the server refused once it was back: it has been undone; say so.
  onScopeDispose(store.onWriteRefused(error => ElMessage.error(t('triage.refused', { message: error.message }))))

  return { actions, snoozeTarget }
}
