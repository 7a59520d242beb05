import { h } from 'vue'
import { ElMessage, type ServiceHandle } from '@/utils/elementServices'

/**
 * A message saying what was done, with an Undo button, for `durationMs`. The button is a plain button in
 * the message (text and a name a screen reader announces), not a second toast.
 */
export function showUndoToast(text: string, undoLabel: string, onUndo: () => void, durationMs: number): ServiceHandle {
  const handle: ServiceHandle = ElMessage.show({
    type: 'success',
    duration: durationMs,
    showClose: true,
    customClass: 'undo-toast',
    message: h('span', { class: 'undo-toast__body' }, [
      h('span', text),
      h('button', {
        type: 'button',
        class: 'undo-toast__button',
        onClick: () => {
          handle.close()
          onUndo()
        },
      }, undoLabel),
    ]),
  })
  return handle
}
