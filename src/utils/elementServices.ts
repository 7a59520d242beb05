// Element Plus' toast (ElNotification) and message (ElMessage) services, loaded on first use. They
// are called from script only, when something arrives or fails, and weigh ~6 KB gzip (a toast brings
// ElProgress along) that the first page does not need to download. Same call shapes as Element
// Plus', so callers only change the import path; the handle returned at once closes the toast or
// message whether or not it has appeared yet.
import type { MessageParamsNormalized, NotificationOptions } from 'element-plus'

export interface ServiceHandle {
  close: () => void
}

type Show<Options> = (options: Options) => { close: () => void }

/** Shows through `load()` once it resolves; a close before then cancels the showing. */
function deferred<Options>(load: () => Promise<Show<Options>>, options: Options): ServiceHandle {
  let shown: { close: () => void } | null = null
  let closed = false
  load().then(
    (show) => {
      if (!closed)
        shown = show(options)
    },
    // A chunk that failed to load (offline, new deploy): the toast is lost, nothing else is; the
    // same news is in the bell and the live region.
    error => console.warn('[tidings] could not load Element Plus feedback', error),
  )
  return {
    close: () => {
      closed = true
      shown?.close()
    },
  }
}

const loadNotification = () => import('element-plus/es/components/notification/index.mjs')
  .then(module => module.ElNotification as Show<Partial<NotificationOptions>>)
const loadMessage = () => import('element-plus/es/components/message/index.mjs')
  .then(module => module.ElMessage as Show<MessageParamsNormalized>)

/** Longest wait for `ready` before the prefetch goes ahead anyway (the server may not answer at all). */
const PREFETCH_LATEST_MS = 5000

/**
 * Downloads the toast and message code while the page is idle after sign-in: the moments that need a
 * message most (the server went away, a write could not be sent) are the ones where no chunk loads.
 * It waits for `ready` (the page's own data has come) so it does not compete with the first page.
 */
export function prefetchFeedback(ready: Promise<unknown> = Promise.resolve()): void {
  const load = () => {
    loadNotification().catch(() => {})
    loadMessage().catch(() => {})
  }
  const idle = () => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(load, { timeout: 1000 })
    else
      setTimeout(load, 1000)
  }
  let started = false
  const start = () => {
    if (!started) {
      started = true
      idle()
    }
  }
  ready.then(start, start)
  setTimeout(start, PREFETCH_LATEST_MS)
}

/** `ElNotification(options)`: a toast in the corner. */
export function ElNotification(options: Partial<NotificationOptions>): ServiceHandle {
  return deferred(loadNotification, options)
}

function message(type: 'success' | 'warning' | 'info' | 'error') {
  return (text: string): ServiceHandle => deferred(loadMessage, { message: text, type } as MessageParamsNormalized)
}

/** `ElMessage.error(text)` and friends: a short message at the top of the page; `show` takes every option. */
export const ElMessage = {
  show: (options: Partial<MessageParamsNormalized>): ServiceHandle => deferred(loadMessage, options as MessageParamsNormalized),
  success: message('success'),
  warning: message('warning'),
  info: message('info'),
  error: message('error'),
}
