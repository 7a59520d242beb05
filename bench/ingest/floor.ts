// The floor of the ingest figure: what any store pays in this harness, whatever it does with a push.
// Each frame is parsed by the harness as for the others; the push is kept in a plain array and, once an
// animation frame, the newest 500 and the unread count are published in one reactive update. No
// dedupe, no order, no cap, no checks: our store's figure minus this one is what ours costs.
import { shallowRef } from 'vue'
import type { Notification } from '../../src/protocol'

const SHOWN = 500

export function createFloorStore() {
  const items = shallowRef<readonly Notification[]>([])
  const unreadCount = shallowRef(0)
  let pending: Notification[] = []
  let unread = 0
  let frame: number | null = null

  function publish(): void {
    frame = null
    const newest = pending.reverse().concat(items.value).slice(0, SHOWN)
    pending = []
    items.value = newest
    unreadCount.value = unread
  }

  function addNotification(data: Notification): void {
    pending.push(data)
    if (data.status === 'unread')
      unread++
    frame ??= requestAnimationFrame(publish)
  }

  function dispose(): void {
    if (frame !== null)
      cancelAnimationFrame(frame)
  }

  return { items, unreadCount, addNotification, dispose }
}
