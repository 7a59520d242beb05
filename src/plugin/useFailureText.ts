import { useTidingsText } from './text'

/** Why something failed, in the user's words (ApiError and friends carry a readable message). */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback
}

/**
 * `failureText(key, error)`: Tidings' message `key` with the error's own words as `{message}`, or
 * the generic "unknown error" when it has none (the app's own messages: src/composables/useFailureText).
 */
export function useTidingsFailureText(): (key: string, error: unknown) => string {
  const { t } = useTidingsText()
  return (key, error) => t(key, { message: errorMessage(error, t('common.unknownError')) })
}
