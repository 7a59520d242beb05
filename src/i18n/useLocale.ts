import { computed, type WritableComputedRef } from 'vue'
import { rememberLocale, type AppLocale } from '.'
import { loadLocale } from './loadLocale'
import { useAppLocaleRef } from './useAppText'

/** The language most recently chosen: a slower load of an earlier choice must not win over it. */
let latestChoice: AppLocale | null = null

/**
 * The app language as a v-model: setting it loads that language's messages if needed, then switches
 * the UI, Element Plus, `<html lang>` and storage.
 */
export function useLocale(): WritableComputedRef<AppLocale> {
  const locale = useAppLocaleRef()
  return computed({
    get: () => locale.value,
    set: (next) => {
      latestChoice = next
      loadLocale(next).then(
        () => {
          if (latestChoice !== next)
            return
          locale.value = next
          rememberLocale(next)
        },
        // Offline or a new deploy: the language stays as it was and the user may pick again.
        error => console.warn(`[tidings] could not load the ${next} messages`, error),
      )
    },
  })
}
