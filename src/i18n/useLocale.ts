import { computed, type WritableComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { isAppLocale, rememberLocale, DEFAULT_LOCALE, type AppLocale } from '.'

/** The app language as a v-model: setting it switches the UI, Element Plus, `<html lang>` and storage. */
export function useLocale(): WritableComputedRef<AppLocale> {
  const { locale } = useI18n({ useScope: 'global' })
  return computed({
    get: () => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE),
    set: (next) => {
      locale.value = next
      rememberLocale(next)
    },
  })
}
