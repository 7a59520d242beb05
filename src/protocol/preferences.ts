// What may interrupt a user (SPEC §3.2): per notification type, which channels (toast, desktop
// notification, sound) are on, and quiet hours. Shared by the server (storage, validation) and the app
// (applying them), so the defaults are spelled once. Preferences never hide an item from the inbox or
// the badge; they only decide what interrupts.
import { NOTIFICATION_TYPES, type NotificationType } from './constants'
import type { ChannelSettings, Preferences, QuietHours } from './schemas'

/** The ways an arriving notification may interrupt. */
export const PREFERENCE_CHANNELS = ['toast', 'desktop', 'sound'] as const
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number]

/** `HH:MM` on a 24-hour clock, 00:00 to 23:59. */
export const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/

/** Whether the runtime knows this IANA time zone (`Intl.DateTimeFormat` throws a RangeError otherwise). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  }
  catch {
    return false
  }
}

// The schemas (channelSettingsSchema, quietHoursSchema, preferencesSchema) are in ./schemas with the
// other zod ones: this file is what the client loads, and it loads no zod.
export type { ChannelSettings, Preferences, QuietHours } from './schemas'

/** A user who never saved any: every channel on except sound, quiet hours off (22:00–08:00), alerts allowed. */
export function defaultPreferences(): Preferences {
  const channels = (): ChannelSettings => ({ toast: true, desktop: true, sound: false })
  const types = Object.fromEntries(NOTIFICATION_TYPES.map(type => [type, channels()])) as Record<NotificationType, ChannelSettings>
  return {
    types,
    quiet_hours: { enabled: false, start: '22:00', end: '08:00', time_zone: null, allow_alerts: true },
  }
}

/** Any part of the preferences, as `PUT /api/preferences` takes it. */
export interface PreferencesPatch {
  /** Per notification type, the channel settings to change; the others stay. */
  types?: Partial<Record<NotificationType, Partial<ChannelSettings>>>
  /** The quiet-hours fields to change; the others stay. */
  quiet_hours?: Partial<QuietHours>
}

/** The preferences with a patch applied (a new object; neither argument changes). */
export function mergePreferences(base: Preferences, patch: PreferencesPatch): Preferences {
  const types = { ...base.types }
  for (const type of NOTIFICATION_TYPES)
    types[type] = { ...base.types[type], ...patch.types?.[type] }
  return { types, quiet_hours: { ...base.quiet_hours, ...patch.quiet_hours } }
}
