import { inject, ref, type InjectionKey, type Ref } from 'vue'

/** Languages Tidings' own texts come in. */
export type TidingsLocale = 'en' | 'zh-CN'

/** Provided by `createTidings({ locale })`; read by the prebuilt components for their texts. */
export const TIDINGS_LOCALE: InjectionKey<Readonly<Ref<TidingsLocale>>> = Symbol('tidings-locale')

/** The language Tidings' texts are shown in: the plugin's `locale` option, else English. */
export function useTidingsLocale(): Readonly<Ref<TidingsLocale>> {
  return inject(TIDINGS_LOCALE, () => ref<TidingsLocale>('en'), true)
}
