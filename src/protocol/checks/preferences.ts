// `preferencesSchema` (../preferences.ts) checked by hand, for the REST replies and the
// `preferences_updated` frame the client reads.
import { CLOCK_TIME, type ChannelSettings, type Preferences, type QuietHours } from '../preferences'
import { boolean, matching, nullable, object, string, type Check } from './core'

const channelSettingsCheck: Check<ChannelSettings> = object({ toast: boolean, desktop: boolean, sound: boolean })

export const quietHoursCheck: Check<QuietHours> = object({
  enabled: boolean,
  start: matching(CLOCK_TIME),
  end: matching(CLOCK_TIME),
  time_zone: nullable(string),
  allow_alerts: boolean,
})

export const preferencesCheck: Check<Preferences> = object({
  types: object({ analysis: channelSettingsCheck, alert: channelSettingsCheck, system: channelSettingsCheck }),
  quiet_hours: quietHoursCheck,
})
