import { defineAsyncComponent } from 'vue'

/**
 * The snooze date-time picker, loaded the first time one is shown: it brings Element Plus' date
 * picker, which no page needs until someone picks a snooze time.
 */
export const LazyNotificationSnoozePicker = defineAsyncComponent(() => import('./NotificationSnoozePicker.vue'))
