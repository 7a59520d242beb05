import { PreferenceRoutes, type Preferences, type PreferencesPatch } from '@/protocol'
import { callRoute } from './http'

export function get(): Promise<Preferences> {
  return callRoute(PreferenceRoutes.getPreferences)
}

/** Saves any part of the preferences; resolves to them whole, as stored. */
export function update(patch: PreferencesPatch): Promise<Preferences> {
  return callRoute(PreferenceRoutes.updatePreferences, { json: patch })
}
