// Each language's messages (and Element Plus' and Tidings' strings for it) are a chunk of their own: a visit
// downloads only the language it shows. main.ts loads the saved one before mounting; switching
// language loads the other on the way (useLocale).
import en from 'element-plus/es/locale/lang/en'
import type { AppLocale } from '.'
import type { MessageSchema } from './locales/zh-CN'

/** Element Plus' strings for one language (pagination, empty states, dialogs). */
export type ElementLocale = typeof en

export interface LocaleBundle {
  messages: MessageSchema
  element: ElementLocale
}

// Tidings' texts for the language, fetched beside the app's messages (a dynamic import, so they stay
// out of the entry chunk) so the first signed-in page renders in the language at once.
const loadTidingsTexts = (locale: AppLocale) => import('@/plugin/text').then(text => text.loadTidingsMessages(locale))

const loaders: Record<AppLocale, () => Promise<LocaleBundle>> = {
  'zh-CN': async () => {
    const [messages, element] = await Promise.all([import('./locales/zh-CN'), import('element-plus/es/locale/lang/zh-cn'), loadTidingsTexts('zh-CN')])
    return { messages: messages.default, element: element.default }
  },
  // Element Plus' English is its default, already in the bundle; so are Tidings' English texts.
  'en': async () => ({ messages: (await import('./locales/en')).default, element: en }),
}

const loaded = new Map<AppLocale, LocaleBundle>()
const loading = new Map<AppLocale, Promise<LocaleBundle>>()

/** Loads a language once; later calls get the same bundle. A failed load may be retried. */
export function loadLocale(locale: AppLocale): Promise<LocaleBundle> {
  let pending = loading.get(locale)
  if (!pending) {
    pending = loaders[locale]().then(
      (bundle) => {
        loaded.set(locale, bundle)
        return bundle
      },
      (error: unknown) => {
        loading.delete(locale)
        throw error
      },
    )
    loading.set(locale, pending)
  }
  return pending
}

/** The bundle of a language already loaded, if it is. */
export function loadedLocale(locale: AppLocale): LocaleBundle | undefined {
  return loaded.get(locale)
}
