import { shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import { provideNotificationActions } from '@/components/notifications/actions'
import { useFailureText } from '@/composables/useFailureText'
import type { Notification } from '@/protocol'
import { useNotificationsStore } from '@/stores/notifications'
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
  const failureText = useFailureText()
  const { open, markRead } = useOpenNotification()
  const { triage } = useTriage()
  const snoozeTarget = shallowRef<Notification | null>(null)
  const one = (notification: Notification) => [notification.id]

  const actions = provideNotificationActions({
    open,
    markRead: notification => void markRead(notification),
    async markAllRead() {
      try {
        await store.markAllRead()
      }
      catch (failure) {
        ElMessage.error(failureText('notification.markAllFailed', failure))
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
    viewAll: () => void router.push({ name: 'notifications' }),
  })

  return { actions, snoozeTarget }
}
