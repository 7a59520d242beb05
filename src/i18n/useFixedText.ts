import { useI18n } from 'vue-i18n'

// Keyed by the i18n instance's global composer (tests create several instances).
const translations = new WeakMap<object, Map<string, string>>()

/**
 * `t` for messages without parameters, translated once per language and shared by every component
 * of the same i18n instance. Rows of a list call it hundreds of times a second during a burst, where
 * each plain `t` call builds a message context (~20 % of a burst's rendering in the page profile).
 * Still reactive: it reads the current language, so a switch re-renders the caller.
 */
export function useFixedText(): (key: string) => string {
  const composer = useI18n()
  let cache = translations.get(composer)
  if (!cache) {
    cache = new Map()
    translations.set(composer, cache)
  }
  const known = cache
  return (key) => {
    const id = `${composer.locale.value}\u0000${key}`
    let text = known.get(id)
    if (text === undefined) {
      text = composer.t(key)
      known.set(id, text)
    }
    return text
  }
}
