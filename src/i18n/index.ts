import { createI18n } from 'vue-i18n'
import { readStored, writeStored } from '@/utils/safeStorage'
import { loadedLocale, loadedMessages } from './loadLocale'
import type { MessageSchema } from './locales/zh-CN'

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

/** The source document's language; used when nothing was chosen yet. */
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'
const STORAGE_KEY = 'tidings-locale'

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

/** The language chosen on an earlier visit, else the default. */
export function savedLocale(): AppLocale {
  const saved = readStored(STORAGE_KEY)
  return isAppLocale(saved) ? saved : DEFAULT_LOCALE
}

/**
 * Builds the app's i18n instance, in a language whose messages are loaded (`await loadLocale(locale)`
 * first, as main.ts does); tests pass a locale to render a given language.
 */
export function createAppI18n(locale: AppLocale = savedLocale()) {
  if (!loadedLocale(locale))
    throw new Error(`the ${locale} messages are not loaded: await loadLocale('${locale}') before createAppI18n`)
  const i18n = createI18n<[MessageSchema], AppLocale>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    // The languages loaded so far (just the chosen one in the app); useLocale adds others on a switch.
    // vue-i18n's types want every language up front; the keys stay checked against the schema.
    messages: loadedMessages() as Record<AppLocale, MessageSchema>,
    // Missing keys are caught by the typecheck (en is typed by the zh-CN schema).
    missingWarn: false,
    fallbackWarn: false,
  })
  syncDocumentLanguage(locale)
  return i18n
}

/** Persists the language choice and keeps `<html lang>` right for screen readers (see useLocale). */
export function rememberLocale(locale: AppLocale): void {
  writeStored(STORAGE_KEY, locale)
  syncDocumentLanguage(locale)
}

function syncDocumentLanguage(locale: AppLocale): void {
  if (typeof document !== 'undefined')
    document.documentElement.lang = locale
}
