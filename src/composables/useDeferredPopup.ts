import { h, ref, shallowRef, type Component, type FunctionalComponent, type Ref } from 'vue'
import { lazyChunk, reportLoadFailure } from '@/utils/lazyChunk'

export interface DeferredPopupOptions {
  /**
   * Called when the popup's code failed to download after the trigger was activated (the failure
   * is shown to the user; the next activation downloads again). Close whatever said "open" here.
   * @default nothing
   */
  onFailure?: () => void
}

export interface DeferredPopup {
  /** The popup's component; render it (with `v-if="requested"`) once the user has reached for it. */
  component: Component
  /** Becomes true when the trigger is activated (or the popup is opened from outside); false again when its code failed to load. */
  requested: Readonly<Ref<boolean>>
  /** Starts downloading the popup's code without showing it: the pointer is over the trigger, or focus is on it. */
  prefetch: () => void
  /** The trigger was activated. Returns true when this created the popup, false when it already existed. */
  request: () => boolean
}

type Loaded = Component | { default: Component }

/**
 * A popup (menu, popover) whose code — Element Plus' popper, focus trap and the panel itself — is
 * downloaded the first time the user reaches for its trigger rather than with the page. The trigger
 * renders at once; hovering or focusing it fetches the popup, so by the click it is usually there.
 * A download that fails is not remembered (Vue's defineAsyncComponent would keep the rejection for
 * good): a failed prefetch is silent, a failed activation is shown, and the next one tries again.
 */
export function useDeferredPopup(load: () => Promise<Loaded>, options: DeferredPopupOptions = {}): DeferredPopup {
  const requested = ref(false)
  const loaded = shallowRef<Component | null>(null)
  const download = lazyChunk(load)
  let loading: Promise<Component> | null = null

  function fetchOnce(): Promise<Component> {
    if (!loading) {
      loading = download().then(
        (module) => {
          const popup = 'default' in module ? module.default : module
          loaded.value = popup
          return popup
        },
        (error: unknown) => {
          loading = null
          throw error
        },
      )
    }
    return loading
  }

  // Stands in for the popup until its code is there, then renders it with everything it was given.
  const component: FunctionalComponent = (_props, { attrs, slots }) => loaded.value ? h(loaded.value, attrs, slots) : null
  component.inheritAttrs = false

  return {
    component,
    requested,
    prefetch() {
      fetchOnce().catch(() => {}) // only pointed at: the click will try again and say so if it fails
    },
    request() {
      if (requested.value)
        return false
      requested.value = true
      fetchOnce().catch(() => {
        requested.value = false
        reportLoadFailure({})
        options.onFailure?.()
      })
      return true
    },
  }
}
