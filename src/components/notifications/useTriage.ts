import { formatDateTime } from '@/plugin/format'
import { useTidingsText } from '@/plugin/text'
import { useTidingsFailureText } from '@/plugin/useFailureText'
import { undoOf, type ItemAction } from '@/inbox'
import type { Notification } from '@/protocol'
import { useNotificationsStore, type WriteResult } from '@/stores/notifications'
import { ElMessage } from '@/utils/elementServices'
import { realtimeSettings } from '@/stores/realtimeSettings'
import { showActionToast } from './actionToast'

const TOAST_KEY: Partial<Record<ItemAction['action'], string>> = {
  archive: 'triage.toastDone',
  remove: 'triage.toastDeleted',
  read: 'triage.toastRead',
  unread: 'triage.toastUnread',
  unarchive: 'triage.toastRestored',
  unsnooze: 'triage.toastRestored',
}

/** The Undo of the last change that offered one, while its window is open (the `z` key); one per tab. */
let lastUndo: (() => void) | null = null

/**
 * Triage as the user experiences it: the change shows at once; done, delete, snooze and every bulk
 * action say so with Undo for 5 seconds (a delete is only sent when that window closes); a refusal
 * is said in words and rolled back.
 */
export function useTriage() {
  const store = useNotificationsStore()
  const { t, locale } = useTidingsText()
  const failureText = useTidingsFailureText()

  /** Says a change was refused (`messageKey` with the server's words as `{message}`), with Retry. */
  function failed(error: unknown, retry?: () => void, messageKey = 'triage.failed'): void {
    if (retry)
      showActionToast(failureText(messageKey, error), t('common.retry'), retry, { durationMs: 8000, type: 'error' })
    else
      ElMessage.error(failureText(messageKey, error))
  }

  function queuedNotice(result: WriteResult): void {
    if (result === 'queued')
      ElMessage.info(t('triage.queued'))
  }

  function toastText(change: ItemAction): string {
    if (change.action === 'snooze')
      return t('triage.toastSnoozed', { time: formatDateTime(change.until, locale.value) })
    return t(TOAST_KEY[change.action] ?? 'triage.toastDone', change.ids.length)
  }

  async function undo(actions: ItemAction[]): Promise<void> {
    try {
      for (const action of actions)
        await store.act(action)
    }
    catch (error) {
      failed(error)
    }
  }

  /**
   * Applies `change`. `withUndo`: tell the user with an Undo button (always for a delete, which
   * waits for that window). Resolves to whether the change stands (false: refused, rolled back).
   */
  function triage(change: ItemAction, { withUndo = change.ids.length > 1 } = {}): Promise<boolean> {
    if (!change.ids.length)
      return Promise.resolve(true)
    if (change.action === 'remove') {
      const pending = store.removeLater(change.ids, realtimeSettings().undoMs)
      offerUndo(toastText(change), pending.undo)
      return pending.done.then(() => true, (error: unknown) => {
        failed(error, () => void triage(change))
        return false
      })
    }
    const before = change.ids.map(id => store.byId(id)).filter((n): n is Notification => !!n)
    const stands = store.act(change).then((result) => {
      queuedNotice(result)
      return true
    }, (error: unknown) => {
      failed(error, () => void triage(change, { withUndo }))
      return false
    })
    // Offered at once, like the change itself; an Undo pressed before the server answered waits for it.
    if (withUndo)
      offerUndo(toastText(change), () => void stands.then(async (ok) => {
        if (ok)
          await undo(undoOf(change, before))
      }))
    return stands
  }

  function offerUndo(text: string, onUndo: () => void): void {
    let used = false
    const once = () => {
      if (used)
        return
      used = true
      if (lastUndo === once)
        lastUndo = null
      onUndo()
    }
    lastUndo = once
    const undoMs = realtimeSettings().undoMs
    showActionToast(text, t('triage.undo'), once, { durationMs: undoMs })
    setTimeout(() => {
      // Past the window a delete has been sent: nothing left to undo.
      if (lastUndo === once)
        lastUndo = null
    }, undoMs)
  }

  function undoLast(): boolean {
    if (!lastUndo)
      return false
    lastUndo()
    return true
  }

  return {
    /** Applies a triage action at once and sends it; resolves whether the server took it (or queued it offline). */
    triage,
    /** Undoes the last action that offered Undo, while its window is open; returns whether there was one. */
    undoLast,
    /** Says that an action failed, with a Retry when given one. */
    failed,
    /** Says that an action was queued while offline. */
    queuedNotice,
  }
}
