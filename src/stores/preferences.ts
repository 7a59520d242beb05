// What may interrupt the user (SPEC §3.2): loaded from the server, saved there, and replaced in
// every tab and device by the `preferences_updated` push. The inbox and the badge never read it.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import * as preferencesApi from '@/api/preferences'
import { defaultPreferences, mergePreferences, type NotificationType, type PreferenceChannel, type Preferences, type PreferencesPatch } from '@/protocol'
import { mayInterrupt as interruptAllowed } from '@/triage'
import { tidingsContext } from '@/plugin/context'
import { connectionEvents } from './connectionEvents'

/** The zone the browser runs in: what quiet hours mean until the user picks another. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

export const usePreferencesStore = defineStore('preferences', () => {
  const preferences = shallowRef<Preferences>(defaultPreferences())
  /** Whether the server's copy has been read (until then the defaults apply). */
  const loaded = ref(false)
  const saving = ref(false)

  /** Reads the server's copy; a failure keeps what we have (the next connection tries again). */
  async function load(): Promise<void> {
    try {
      preferences.value = await preferencesApi.get()
      loaded.value = true
    }
    catch {
      // keep the current preferences
    }
  }

  /** Saves a change: shown at once, replaced by the server's answer, undone (and rejected) if refused. */
  async function save(patch: PreferencesPatch): Promise<void> {
    const before = preferences.value
    // Quiet hours are read in the browser's zone until the user names one.
    const zoned: PreferencesPatch = before.quiet_hours.time_zone || patch.quiet_hours?.time_zone
      ? patch
      : { ...patch, quiet_hours: { ...patch.quiet_hours, time_zone: browserTimeZone() } }
    preferences.value = mergePreferences(before, zoned)
    saving.value = true
    try {
      preferences.value = await preferencesApi.update(zoned)
      loaded.value = true
    }
    catch (error) {
      preferences.value = before
      throw error
    }
    finally {
      saving.value = false
    }
  }

  /** The `preferences_updated` push: another tab or device saved them. */
  function apply(next: Preferences): void {
    preferences.value = next
    loaded.value = true
  }

  /** Whether a notification of `type` may interrupt through `channel` now (quiet hours included). */
  function mayInterrupt(type: NotificationType, channel: PreferenceChannel, now = new Date()): boolean {
    return interruptAllowed(preferences.value, type, channel, now)
  }

  const session = tidingsContext()
  watch(() => session.userKey(), (next, previous) => {
    if (next !== previous) {
      preferences.value = defaultPreferences()
      loaded.value = false
    }
  })

  // Read again on every open of the connection, replaced by what it pushes; created while it is open,
  // the store reads them at once (what it would have read at that open).
  const events = connectionEvents()
  onScopeDispose(events.follow({ opened: () => void load(), preferencesPushed: apply }))
  if (events.isOpen)
    void load()

  return {
    /** The user's preferences (the defaults until loaded). */
    preferences,
    /** Whether the server's copy has been read (until then the defaults apply). */
    loaded,
    /** Whether a save is on its way. */
    saving,
    /** Reads them from the server. */
    load,
    /** Saves a part of them (`PreferencesPatch`); every tab and device hears of it. */
    save,
    /** Takes preferences pushed by the server (another tab or device saved them). */
    apply,
    /** Whether a notification may interrupt by that channel now (its type's setting, quiet hours). */
    mayInterrupt,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(usePreferencesStore, import.meta.hot))
