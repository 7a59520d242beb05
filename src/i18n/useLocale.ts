import { computed, type WritableComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { isAppLocale, rememberLocale, DEFAULT_LOCALE, type AppLocale } from '.'
import { loadLocale } from './loadLocale'

/** The language most recently chosen: a slower load of an earlier choice must not win over it. */
let latestChoice: AppLocale | null = null

/**
 * The app language as a v-model: setting it loads that language's messages if needed, then switches
 * the UI, Element Plus, `<html lang>` and storage.
 */
export function useLocale(): WritableComputedRef<AppLocale> {
  const { locale, setLocaleMessage } = useI18n({ useScope: 'global' })
  return computed({
    get: () => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE),
    set: (next) => {
      latestChoice = next
      loadLocale(next).then(
        ({ messages }) => {
          if (latestChoice !== next)
            return
          setLocaleMessage(next, messages)
          locale.value = next
          rememberLocale(next)
        },
        // Offline or a new deploy: the language stays as it was and the user may pick again.
        error => console.warn(`[tidings] could not load the ${next} messages`, error),
      )
    },
  })
}
