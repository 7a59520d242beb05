// The baseline: the document's way of holding notifications, as a Pinia setup store would write it —
// one reactive array, a scan of it to skip duplicates, and unshift of each arrival, every arrival
// changing reactive state on its own.
import { ref } from 'vue'
import type { Notification } from '../../src/protocol'

export function createDocumentPatternStore() {
  const items = ref<Notification[]>([])
  const unreadCount = ref(0)

  function addNotification(data: Notification): void {
    if (items.value.some(item => item.id === data.id))
      return
    items.value.unshift(data)
    if (data.status === 'unread')
      unreadCount.value++
  }

  return { items, unreadCount, addNotification }
}
