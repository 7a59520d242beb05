// Whether a notification may interrupt (toast, desktop notification, sound) now. The inbox always
// stores and the badge always counts: these rules decide only what interrupts (SPEC §3.2).
import type { NotificationType, PreferenceChannel, Preferences, QuietHours } from '@/protocol'

const clockFormats = new Map<string, Intl.DateTimeFormat>()

/** Minutes since midnight of `instant` on the wall clock of `timeZone`. */
function minuteOfDay(instant: Date, timeZone: string | null): number {
  const zone = timeZone ?? ''
  let format = clockFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone ?? undefined, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    clockFormats.set(zone, format)
  }
  const parts = format.formatToParts(instant)
  const part = (type: string) => Number(parts.find(p => p.type === type)?.value ?? 0)
  return part('hour') * 60 + part('minute')
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number)
  return hours! * 60 + minutes!
}

/** Whether `now` falls in the quiet hours; a window whose end is before its start runs past midnight. */
export function inQuietHours(quiet: QuietHours, now: Date): boolean {
  if (!quiet.enabled)
    return false
  const minute = minuteOfDay(now, quiet.time_zone)
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  if (start === end)
    return false
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

export function mayInterrupt(preferences: Preferences, type: NotificationType, channel: PreferenceChannel, now: Date): boolean {
  if (!preferences.types[type]?.[channel])
    return false
  if (!inQuietHours(preferences.quiet_hours, now))
    return true
  return type === 'alert' && preferences.quiet_hours.allow_alerts
}
