// Every language is loaded before the tests, as main.ts loads the saved one before mounting: tests
// then build an i18n instance for any language at once (createAppI18n) and can switch between them.
import { SUPPORTED_LOCALES } from '@/i18n'
import { loadLocale } from '@/i18n/loadLocale'

await Promise.all(SUPPORTED_LOCALES.map(loadLocale))
