// The inbox page lists notifications under day headings: Today, Yesterday, then dates.
import type { Notification } from '@/protocol'

export type DayLabel =
  | {
    /** Today, in the reader's time zone. */
    kind: 'today'
  }
  | {
    /** Yesterday. */
    kind: 'yesterday'
  }
  | {
    /** An earlier day. */
    kind: 'date'
    /** A moment of that day (the newest item's creation). */
    date: Date
  }

export interface DayGroup<T extends Pick<Notification, 'created_at'>> {
  /** `YYYY-MM-DD` in the reader's time zone: stable across re-renders, a good `key`. */
  day: string
  /** How to head the group: Today, Yesterday or the date. */
  label: DayLabel
  /** The day's items, in the order given. */
  items: T[]
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar day of `instant` in `timeZone` (the browser's when undefined), as `YYYY-MM-DD`. */
export function dayOf(instant: Date, timeZone?: string): string {
  const zone = timeZone ?? ''
  let format = dayFormats.get(zone)
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(zone, format)
  }
  return format.format(instant)
}

/** Groups items (already in display order) by the day they were created, keeping that order. */
export function groupByDay<T extends Pick<Notification, 'created_at'>>(items: readonly T[], now: Date, timeZone?: string): DayGroup<T>[] {
  const today = dayOf(now, timeZone)
  const yesterday = dayOf(new Date(now.getTime() - 86_400_000), timeZone)
  const groups: DayGroup<T>[] = []
  for (const item of items) {
    const created = new Date(item.created_at)
    const day = dayOf(created, timeZone)
    let group = groups.at(-1)
    if (group?.day !== day) {
      const label: DayLabel = day === today ? { kind: 'today' } : day === yesterday ? { kind: 'yesterday' } : { kind: 'date', date: created }
      group = { day, label, items: [] }
      groups.push(group)
    }
    group.items.push(item)
  }
  return groups
}
