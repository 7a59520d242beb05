import { nextTick, onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import type { BulkAction, Notification } from '@/protocol'
import type { Selection } from '@/composables/useSelection'
import { useNotificationsStore } from '@/stores/notifications'
import { triageCommandOf, type TriageCommand } from '@/triage'
import type { NotificationActions } from './actions'

export interface InboxKeysOptions {
  /** The rows shown, top to bottom. */
  rows: Readonly<Ref<Notification[]>>
  selection: Selection
  actions: NotificationActions
  /** Applies a bulk action to the selection. */
  bulk: (action: BulkAction) => void
  /** Undoes the last change that offered Undo; false when there is none. */
  undoLast: () => boolean
  focusSearch: () => void
  /** The inbox's element: rows are found inside it. */
  root: Readonly<Ref<HTMLElement | null>>
}

/**
 * The inbox's keyboard triage: a cursor row that j/k (↑/↓) move and focus follows, and one key per
 * action (src/triage/keys.ts) on the cursor's row or, when some are selected, on the selection.
 * Dialogs and menus keep their own keys.
 */
export function useInboxKeys(options: InboxKeysOptions) {
  const store = useNotificationsStore()
  /** The row the keyboard cursor is on. */
  const cursor = ref<string | null>(null)
  const keysHelpOpen = ref(false)

  async function focusCursor({ scroll = true } = {}) {
    await nextTick()
    const item = [...(options.root.value?.querySelectorAll<HTMLElement>('li[data-id]') ?? [])].find(li => li.dataset.id === cursor.value)
    const row = item?.querySelector<HTMLElement>('.notification-item__open')
    row?.focus({ preventScroll: true })
    if (scroll)
      row?.scrollIntoView?.({ block: 'nearest' })
  }

  function move(step: number) {
    const index = options.rows.value.findIndex(n => n.id === cursor.value)
    const next = options.rows.value[index < 0 ? 0 : Math.min(Math.max(index + step, 0), options.rows.value.length - 1)]
    cursor.value = next?.id ?? null
    void focusCursor()
  }

  function run(command: TriageCommand) {
    const current = options.rows.value.find(n => n.id === cursor.value) ?? null
    const selected = [...options.selection.ids.value]
    switch (command) {
      case 'next': return move(1)
      case 'previous': return move(-1)
      case 'search': return options.focusSearch()
      case 'help':
        keysHelpOpen.value = true
        return
      case 'undo':
        options.undoLast()
        return
      case 'done':
        if (selected.length)
          return options.bulk('archive')
        if (current)
          (current.archived || current.snoozed_until ? options.actions.restore : options.actions.done)(current)
        return
      case 'delete':
        if (selected.length)
          return options.bulk('delete')
        return current && options.actions.remove(current)
      case 'toggleRead':
        if (selected.length)
          return options.bulk(selected.some(id => store.byId(id)?.status === 'unread') ? 'read' : 'unread')
        return current && options.actions.toggleRead(current)
      case 'open': return current && options.actions.open(current)
      case 'snooze': return current && options.actions.pickSnooze(current)
      case 'select': return current && options.selection.toggle(current.id)
    }
  }

  /** Arrow keys and clicks move focus between rows: the keyboard cursor follows it. */
  function onFocusin(event: FocusEvent) {
    const id = (event.target as HTMLElement).closest<HTMLElement>('li[data-id]')?.dataset.id
    if (id)
      cursor.value = id
  }

  function onKeydown(event: KeyboardEvent) {
    // Dialogs and menus (the bell, the snooze picker, this help) keep their own keys.
    if (keysHelpOpen.value || (event.target as Element | null)?.closest?.('[role="dialog"], [role="menu"]'))
      return
    const command = triageCommandOf(event)
    if (!command)
      return
    // Enter on a focused button is that button's own click.
    if (command === 'open' && (event.target as Element | null)?.closest?.('button, a'))
      return
    event.preventDefault()
    run(command)
  }

  onMounted(() => document.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown))

  return { cursor, keysHelpOpen, focusCursor, onFocusin }
}
