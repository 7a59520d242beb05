import { inject, type Ref } from 'vue'
import { formatMessage, lookupMessage, type TextValues } from '@/utils/messageFormat'
import { APP_I18N, DEFAULT_LOCALE, type AppI18n, type AppLocale } from '.'
import { loadedLocale } from './loadLocale'

export interface AppText {
  /** The language the texts are in. */
  locale: Readonly<Ref<AppLocale>>
  /**
   * The app's message `key` ("login.title") filled with `values`; a number (or `count`) picks the
   * choice of a "one | many" message and fills `{n}`. A key no language has is returned as is.
   */
  t: (key: string, values?: TextValues | number, count?: number) => string
}

/** `key` in `locale`, else in the default language (the schema every language follows). */
export function appText(locale: AppLocale, key: string, values?: TextValues | number, count?: number): string {
  const message = lookupMessage(loadedLocale(locale)?.messages, key) ?? lookupMessage(loadedLocale(DEFAULT_LOCALE)?.messages, key)
  return formatMessage(message ?? key, values, count)
}

function installed(): AppI18n {
  const i18n = inject(APP_I18N, null)
  if (!i18n)
    throw new Error('the app\'s i18n is not installed: app.use(createAppI18n(locale))')
  return i18n
}

/** The app's texts in its current language; `t` reads the language, so a component re-renders on a switch. */
export function useAppText(): AppText {
  const { locale } = installed()
  return {
    locale,
    t: (key, values, count) => appText(locale.value, key, values, count),
  }
}

/** The app's language as installed (useLocale switches it). */
export function useAppLocaleRef(): Ref<AppLocale> {
  return installed().locale
}
