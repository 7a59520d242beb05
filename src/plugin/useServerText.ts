import type { Notification, TextParams } from '@/protocol'
import { useTidingsText } from './text'

/**
 * Translates a text the server sent with a stable key (src/protocol/textKeys.ts): the app's own
 * words for the key, filled with its params, or the server's text when the key is unknown (another
 * server, a newer one). A param `<name>_key` is translated first and filled in as `<name>`.
 */
export function useServerText() {
  const { t, has } = useTidingsText()
  const known = (key: unknown): key is string => typeof key === 'string' && has(`server.${key}`)

  return function serverText(key: string | null | undefined, params: TextParams | undefined, fallback: string): string {
    if (!known(key))
      return fallback
    const values: Record<string, string | number> = {}
    for (const [name, value] of Object.entries(params ?? {})) {
      if (!name.endsWith('_key'))
        values[name] = value
    }
    for (const [name, value] of Object.entries(params ?? {})) {
      if (name.endsWith('_key') && known(value))
        values[name.slice(0, -'_key'.length)] = t(`server.${value}`, values)
    }
    return t(`server.${key}`, values)
  }
}

/**
 * A notification's title and content in the page's language where the server sent their keys
 * (`title_key`, `content_key`, `params`), else as sent: for the bell, the inbox rows and the toasts.
 */
export function useNotificationText() {
  const serverText = useServerText()
  return {
    /** The notification's title in the plugin's language (its `title_key`), else as the server wrote it. */
    title: (notification: Pick<Notification, 'title' | 'title_key' | 'params'>) => serverText(notification.title_key, notification.params, notification.title),
    /** The notification's content, likewise. */
    content: (notification: Pick<Notification, 'content' | 'content_key' | 'params'>) => serverText(notification.content_key, notification.params, notification.content),
  }
}
