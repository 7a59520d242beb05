import { Routes, type Preferences, type PreferencesPatch } from '@/protocol'
import { callRoute } from './http'

export function get(): Promise<Preferences> {
  return callRoute(Routes.getPreferences)
}

/** Saves any part of the preferences; resolves to them whole, as stored. */
export function update(patch: PreferencesPatch): Promise<Preferences> {
  return callRoute(Routes.updatePreferences, { json: patch })
}
