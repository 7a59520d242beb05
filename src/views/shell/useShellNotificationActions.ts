import { useRouter } from 'vue-router'
import { provideNotificationActions } from '@/components/notifications/actions'
import { useFailureText } from '@/composables/useFailureText'
import { useNotificationsStore } from '@/stores/notifications'
import { ElMessage } from '@/utils/elementServices'
import { useOpenNotification } from './useOpenNotification'

/** The app-wide notification actions, provided once by the shell to the bell, the inbox page and their rows. */
export function useShellNotificationActions() {
  const store = useNotificationsStore()
  const router = useRouter()
  const failureText = useFailureText()
  const { open, markRead } = useOpenNotification()

  return provideNotificationActions({
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
    async remove(notification) {
      try {
        await store.remove(notification.id)
      }
      catch (failure) {
        ElMessage.error(failureText('notification.actionFailed', failure))
      }
    },
    retry: () => void store.sync().catch(() => {}),
    viewAll: () => void router.push({ name: 'notifications' }),
  })
}
