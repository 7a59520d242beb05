import { useAppText } from './useAppText'

/** Why something failed, in the user's words (ApiError and friends carry a readable message). */
function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback
}

/**
 * `failureText(key, error)`: the message `key` with the error's own words as `{message}`, or the
 * generic "unknown error" when it has none; for toasts and load errors alike.
 */
export function useFailureText(): (key: string, error: unknown) => string {
  const { t } = useAppText()
  return (key, error) => t(key, { message: errorMessage(error, t('common.unknownError')) })
}
