import { shallowRef, type Ref } from 'vue'
import { formatMessage, lookupMessage, type MessageTable, type TextValues } from '@/utils/messageFormat'
import { formatDateTime } from './format'
import { useTidingsLocale, type TidingsLocale } from './locale'
import en from './messages/en'
import type { TidingsMessages } from './messages/zh-CN'

// The prebuilt components' own texts, without vue-i18n: an app with no i18n at all (or another i18n
// library) gets them in both languages, and the library needs only vue, pinia and element-plus.
// The messages use the syntax of src/utils/messageFormat.ts (the app's own texts use it too).

// English is built in (and the fallback); another language is a chunk of its own, loaded the first
// time it is asked for (or ahead, by loadTidingsMessages: the app loads it with its own messages).
const tables: Partial<Record<TidingsLocale, TidingsMessages>> = { en }
const loaders: Record<TidingsLocale, () => Promise<TidingsMessages>> = {
  'en': async () => en,
  'zh-CN': async () => (await import('./messages/zh-CN')).default,
}
const loading = new Map<TidingsLocale, Promise<void>>()
/** Bumped when a language arrives: texts shown in English meanwhile re-render in it. */
const arrivals = shallowRef(0)

/** Loads a language's texts once (a failed load may be retried); until then they show in English. */
export function loadTidingsMessages(locale: TidingsLocale): Promise<void> {
  let pending = loading.get(locale)
  if (!pending) {
    pending = loaders[locale]().then(
      (table) => {
        tables[locale] = table
        arrivals.value++
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

/** The table for `locale` if loaded, else English (and the load is started). */
function tableOf(locale: TidingsLocale): TidingsMessages {
  const table = tables[locale]
  if (table)
    return table
  loadTidingsMessages(locale).catch(error => console.warn(`[tidings] could not load the ${locale} texts`, error))
  return en
}

export type { TextValues }

export interface TidingsText {
  /** The language the texts are in (the plugin's `locale` option). */
  locale: Readonly<Ref<TidingsLocale>>
  /**
   * The message `key` ("bell.title") filled with `values`; a number (or `count`) picks the choice of
   * a "zero | one | many" message and fills `{n}`/`{count}`. An unknown key is returned as is.
   */
  t: (key: string, values?: TextValues | number, count?: number) => string
  /** Whether `key` names a message (useServerText falls back to the server's words when not). */
  has: (key: string) => boolean
  /** A date and time in the language (Intl; `options` default to medium date and time). */
  d: (value: Date | string | number, options?: Intl.DateTimeFormatOptions) => string
  /** A number in the language (Intl). */
  n: (value: number, options?: Intl.NumberFormatOptions) => string
}

// Messages without values are asked for hundreds of times a second by the rows during a burst.
const plain = new Map<string, string>()

function lookup(locale: TidingsLocale, key: string): string | undefined {
  return lookupMessage(tableOf(locale) as unknown as MessageTable, key)
}

/** Formats `key` in `locale`; the function behind useTidingsText's `t`, for code outside components. */
export function tidingsText(locale: TidingsLocale, key: string, values?: TextValues | number, count?: number): string {
  if (values === undefined && count === undefined) {
    const id = `${locale}\u0000${key}`
    let text = plain.get(id)
    if (text === undefined) {
      text = formatMessage(lookup(locale, key) ?? key)
      // Kept once the language is there (not its English stand-in).
      if (tables[locale])
        plain.set(id, text)
    }
    return text
  }
  return formatMessage(lookup(locale, key) ?? key, values, count)
}

const numberFormats = new Map<string, Intl.NumberFormat>()

/**
 * Tidings' texts in the language of `useTidingsLocale()`. Reactive: `t` reads the language, so a
 * component re-renders when it changes.
 */
export function useTidingsText(): TidingsText {
  const locale = useTidingsLocale()
  return {
    locale,
    t: (key, values, count) => {
      void arrivals.value
      return tidingsText(locale.value, key, values, count)
    },
    has: (key) => {
      void arrivals.value
      return lookup(locale.value, key) !== undefined
    },
    d: (value, options) => {
      const date = value instanceof Date ? value : new Date(value)
      return options ? new Intl.DateTimeFormat(locale.value, options).format(date) : formatDateTime(date.toISOString(), locale.value)
    },
    n: (value, options) => {
      const id = `${locale.value}\u0000${JSON.stringify(options ?? {})}`
      let formatter = numberFormats.get(id)
      if (!formatter) {
        formatter = new Intl.NumberFormat(locale.value, options)
        numberFormats.set(id, formatter)
      }
      return formatter.format(value)
    },
  }
}
