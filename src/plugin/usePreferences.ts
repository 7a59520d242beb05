// What may interrupt the user (by type and channel, quiet hours), saved on the server and followed
// live in every tab and device.
import { computed, type ComputedRef } from 'vue'
import type { NotificationType, PreferenceChannel, Preferences, PreferencesPatch } from '../protocol'
import { usePreferencesStore } from '../stores/preferences'

export interface UsePreferencesReturn {
  /** The user's preferences (the defaults until the server's copy is read). */
  preferences: ComputedRef<Preferences>
  /** The server's copy has been read. */
  loaded: ComputedRef<boolean>
  /** A save is on its way. */
  saving: ComputedRef<boolean>
  /** Reads the server's copy (the connection does it on every open). */
  load: () => Promise<void>
  /** Saves a change: shown at once, undone (and rejected) if the server refuses. */
  save: (patch: PreferencesPatch) => Promise<void>
  /** Whether a notification of `type` may interrupt through `channel` now (quiet hours included). */
  mayInterrupt: (type: NotificationType, channel: PreferenceChannel, now?: Date) => boolean
}

/** The signed-in user's notification preferences. */
export function usePreferences(): UsePreferencesReturn {
  const store = usePreferencesStore()
  return {
    preferences: computed(() => store.preferences),
    loaded: computed(() => store.loaded),
    saving: computed(() => store.saving),
    load: store.load,
    save: store.save,
    mayInterrupt: store.mayInterrupt,
  }
}
