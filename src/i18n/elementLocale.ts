import en from 'element-plus/es/locale/lang/en'
import type { AppLocale } from '.'
import { loadedLocale, type ElementLocale } from './loadLocale'

/**
 * Element Plus' own strings (pagination, empty states, dialogs) for the app language: those loaded
 * with it (loadLocale), English (Element Plus' default) until then.
 */
export function elementLocaleOf(locale: AppLocale): ElementLocale {
  return loadedLocale(locale)?.element ?? en
}
