import { ref, type InjectionKey, type ObjectPlugin, type Ref } from 'vue'
import { readStored, writeStored } from '@/utils/safeStorage'
import { loadedLocale } from './loadLocale'

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

/** The app's language, installed as a plugin: what useAppText and useLocale read and switch. */
export interface AppI18n extends ObjectPlugin {
  /** The language shown; it changes only once the language's messages are loaded (useLocale). */
  readonly locale: Ref<AppLocale>
}

export const APP_I18N: InjectionKey<AppI18n> = Symbol('app-i18n')

/**
 * The app's language, in one whose messages are loaded (`await loadLocale(locale)` first, as main.ts
 * does); tests pass a locale to render a given language. Its texts use Tidings' message syntax
 * (src/utils/messageFormat.ts) rather than vue-i18n: about 10 KB gzip less on every page.
 */
export function createAppI18n(locale: AppLocale = savedLocale()): AppI18n {
  if (!loadedLocale(locale))
    throw new Error(`the ${locale} messages are not loaded: await loadLocale('${locale}') before createAppI18n`)
  syncDocumentLanguage(locale)
  const i18n: AppI18n = {
    locale: ref(locale),
    install: app => app.provide(APP_I18N, i18n),
  }
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
