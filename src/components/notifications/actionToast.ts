import { h } from 'vue'
import { ElMessage, type ServiceHandle } from '@/utils/elementServices'
// Element Plus' message styles (with its base), for apps that do not import them themselves.
import 'element-plus/es/components/message/style/css'
import './tidings.css'

/**
 * A message with one action button (Undo after a change, Retry after a failure) for `durationMs`. The
 * button is a plain button in the message (text and a name a screen reader announces), not a second toast.
 */
export function showActionToast(
  text: string,
  actionLabel: string,
  onAction: () => void,
  { durationMs, type = 'success' }: { durationMs: number, type?: 'success' | 'error' | 'info' },
): ServiceHandle {
  const handle: ServiceHandle = ElMessage.show({
    type,
    duration: durationMs,
    showClose: true,
    customClass: 'action-toast',
    message: h('span', { class: 'action-toast__body' }, [
      h('span', text),
      h('button', {
        type: 'button',
        class: 'action-toast__button',
        onClick: () => {
          handle.close()
          onAction()
        },
      }, actionLabel),
    ]),
  })
  return handle
}
