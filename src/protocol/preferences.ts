// What may interrupt a user (SPEC §3.2): per notification type, which channels (toast, desktop
// notification, sound) are on, and quiet hours. Shared by the server (storage, validation) and the app
// (applying them), so the defaults are spelled once. Preferences never hide an item from the inbox or
// the badge; they only decide what interrupts.
import * as z from 'zod/mini'
import { NOTIFICATION_TYPES, type NotificationType } from './constants'

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

const channelSettingsSchema = z.object({
  /** A toast while the page is visible. */
  toast: z.boolean(),
  /** A desktop notification while the page is hidden (when the browser allows them). */
  desktop: z.boolean(),
  /** A short sound. */
  sound: z.boolean(),
})
export type ChannelSettings = z.infer<typeof channelSettingsSchema>

export const quietHoursSchema = z.object({
  /** Whether quiet hours apply: between `start` and `end` nothing interrupts (but alerts, if allowed). */
  enabled: z.boolean(),
  /** When they begin, `HH:MM` on a 24-hour clock. */
  start: z.string().check(z.regex(CLOCK_TIME)),
  /** When they end, `HH:MM`; before `start` means the next day. */
  end: z.string().check(z.regex(CLOCK_TIME)),
  /** IANA zone the hours are read in; null until the app first saves them (it sends the browser's). */
  time_zone: z.nullable(z.string()),
  /** `alert` items still interrupt during quiet hours. */
  allow_alerts: z.boolean(),
})
export type QuietHours = z.infer<typeof quietHoursSchema>

export const preferencesSchema = z.object({
  /** The channels of each notification type. */
  types: z.object({
    /** Finished or failed analyses. */
    analysis: channelSettingsSchema,
    /** Alerts (price, volume). */
    alert: channelSettingsSchema,
    /** System messages. */
    system: channelSettingsSchema,
  }),
  /** When nothing (or only alerts) may interrupt. */
  quiet_hours: quietHoursSchema,
})
export type Preferences = z.infer<typeof preferencesSchema>

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
  /** The channels to change, per type. */
  types?: Partial<Record<NotificationType, Partial<ChannelSettings>>>
  /** The quiet-hours fields to change. */
  quiet_hours?: Partial<QuietHours>
}

/** The preferences with a patch applied (a new object; neither argument changes). */
export function mergePreferences(base: Preferences, patch: PreferencesPatch): Preferences {
  const types = { ...base.types }
  for (const type of NOTIFICATION_TYPES)
    types[type] = { ...base.types[type], ...patch.types?.[type] }
  return { types, quiet_hours: { ...base.quiet_hours, ...patch.quiet_hours } }
}
