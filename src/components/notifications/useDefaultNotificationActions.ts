import { inject, onScopeDispose, shallowRef } from 'vue'
import type { Notification } from '@/protocol'
import { useNotificationsStore } from '@/stores/notifications'
import { useTidingsText } from '@/plugin/text'
import { ElMessage } from '@/utils/elementServices'
import { NotificationActionsKey, provideNotificationActions, type NotificationActions } from './actions'
import { useNavigate } from '@/plugin/navigate'
import { useOpenNotification } from './useOpenNotification'
import { useTriage } from './useTriage'

export interface DefaultNotificationActionsOptions {
  /**
   * The inbox page, for "View all" (`?view=unread` is added for the Unread tab).
   * @default '/notifications'
   */
  inboxPath?: string
}

/**
 * Provides the notification actions backed by the store (triage with Undo toasts, opening through the
 * router or `location`) to the bell, the inbox and their rows; `overrides` replace some of them.
 * Actions an ancestor already provides win over these defaults, so an app that provides its own (or
 * wraps the bell in a component that does) keeps them. `snoozeTarget` is the notification waiting for
 * a picked snooze time when `pickSnooze` is the default one (the caller shows the picker).
 */
export function useDefaultNotificationActions(overrides: Partial<NotificationActions> = {}, options: DefaultNotificationActionsOptions = {}) {
  const { inboxPath = '/notifications' } = options
  const store = useNotificationsStore()
  const navigate = useNavigate()
  const { open, markRead } = useOpenNotification()
  const { triage, failed, queuedNotice } = useTriage()
  const { t } = useTidingsText()
  const inherited = inject(NotificationActionsKey, null)
  const snoozeTarget = shallowRef<Notification | null>(null)
  const one = (notification: Notification) => [notification.id]

  const defaults: NotificationActions = {
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
    viewAll: viewOptions => navigate(viewOptions?.unreadOnly ? `${inboxPath}?view=unread` : inboxPath),
  }
  const actions = provideNotificationActions({ ...defaults, ...inherited, ...overrides })

  // A change made while offline that the server refused once it was back: it has been undone; say so.
  // Said once, by whoever provides the actions first (the app shell, else the bell).
  if (!inherited)
    onScopeDispose(store.onWriteRefused(error => ElMessage.error(t('triage.refused', { message: error.message }))))

  return {
    /** The actions rows call, provided to the component's descendants. */
    actions,
    /** The notification whose snooze picker is open (`pickSnooze`), or null: bind it to a `NotificationSnoozePicker`. */
    snoozeTarget,
  }
}
