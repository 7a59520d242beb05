import { defineAsyncComponent, ref, type Component, type Ref } from 'vue'

export interface DeferredPopup {
  /** The popup's component; render it (with `v-if="requested"`) once the user has reached for it. */
  component: Component
  /** Becomes true when the trigger is first activated (or the popup is opened from outside). */
  requested: Readonly<Ref<boolean>>
  /** Starts downloading the popup's code without showing it: the pointer is over the trigger, or focus is on it. */
  prefetch: () => void
  /** The trigger was activated. Returns true when this created the popup, false when it already existed. */
  request: () => boolean
}

/**
 * A popup (menu, popover) whose code — Element Plus' popper, focus trap and the panel itself — is
 * downloaded the first time the user reaches for its trigger rather than with the page. The trigger
 * renders at once; hovering or focusing it fetches the popup, so by the click it is usually there.
 */
export function useDeferredPopup(load: () => Promise<Component | { default: Component }>): DeferredPopup {
  const requested = ref(false)
  let loading: Promise<unknown> | null = null

  function prefetch(): void {
    loading ??= load().catch(() => {
      loading = null // a failed download (offline) is tried again on the next hover or click
    })
  }

  return {
    component: defineAsyncComponent(load),
    requested,
    prefetch,
    request() {
      if (requested.value)
        return false
      prefetch()
      requested.value = true
      return true
    },
  }
}
