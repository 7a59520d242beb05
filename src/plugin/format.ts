import type { TidingsLocale as AppLocale } from './locale'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const relativeFormatters = new Map<AppLocale, Intl.RelativeTimeFormat>()
const dateTimeFormatters = new Map<AppLocale, Intl.DateTimeFormat>()

function relativeFormatter(locale: AppLocale): Intl.RelativeTimeFormat {
  let formatter = relativeFormatters.get(locale)
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    relativeFormatters.set(locale, formatter)
  }
  return formatter
}

/** "3 minutes ago" / "3 分钟前"; under a minute is `justNow` (a translated string the caller passes). */
export function formatRelativeTime(iso: string, now: number, locale: AppLocale, justNow: string): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then))
    return ''
  const diff = then - now
  const abs = Math.abs(diff)
  if (abs < MINUTE)
    return justNow
  const formatter = relativeFormatter(locale)
  if (abs < HOUR)
    return formatter.format(Math.round(diff / MINUTE), 'minute')
  if (abs < DAY)
    return formatter.format(Math.round(diff / HOUR), 'hour')
  if (abs < 30 * DAY)
    return formatter.format(Math.round(diff / DAY), 'day')
  return formatDateTime(iso, locale)
}

function dateTimeFormatter(locale: AppLocale): Intl.DateTimeFormat {
  let formatter = dateTimeFormatters.get(locale)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
    dateTimeFormatters.set(locale, formatter)
  }
  return formatter
}

/** Full local date and time, for tooltips and `title` attributes. */
export function formatDateTime(iso: string, locale: AppLocale): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime()))
    return iso
  return dateTimeFormatter(locale).format(date)
}

const dayFormatters = new Map<AppLocale, Intl.DateTimeFormat>()

/** A day heading: "Mar 7, 2026" / "2026年3月7日". */
export function formatDay(date: Date, locale: AppLocale): string {
  let formatter = dayFormatters.get(locale)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    dayFormatters.set(locale, formatter)
  }
  return formatter.format(date)
}

/**
 * Builds a language's formatters while the page is idle. The first Intl formatters of a page cost
 * ~15 ms (the browser loads their locale data), which would otherwise land in the frame that shows
 * the first live arrival, in the middle of a burst.
 */
export function prepareFormatters(locale: AppLocale): void {
  const prepare = () => {
    relativeFormatter(locale).format(-1, 'minute')
    dateTimeFormatter(locale).format(Date.now())
  }
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(prepare, { timeout: 2000 })
  else
    setTimeout(prepare, 0)
}

/** Splits a duration for the `time.seconds|minutes|hours` messages. */
export function durationParts(ms: number): { key: 'time.seconds' | 'time.minutes' | 'time.hours', values: Record<string, number> } {
  const totalSeconds = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const s = totalSeconds % 60
  if (h > 0)
    return { key: 'time.hours', values: { h, m } }
  if (m > 0)
    return { key: 'time.minutes', values: { m, s } }
  return { key: 'time.seconds', values: { s } }
}
