import en from 'element-plus/es/locale/lang/en'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type { AppLocale } from '.'

/** Element Plus' own strings (pagination, empty states, dialogs) follow the app language. */
export const elementLocales: Record<AppLocale, typeof en> = {
  'zh-CN': zhCn,
  'en': en,
}
