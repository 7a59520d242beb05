// The inbox page's pure rules: day headings, snooze presets, quiet hours, triage keys.
import { defaultPreferences, type Notification, type Preferences, type QuietHours } from '../../src/protocol'
import { groupByDay, inQuietHours, mayInterrupt, snoozeUntil, triageCommandOf } from '../../src/triage'

function item(created_at: string): Pick<Notification, 'created_at'> & { id: string } {
  return { id: created_at, created_at }
}

function preferences(quiet: Partial<QuietHours> = {}): Preferences {
  const defaults = defaultPreferences()
  return { ...defaults, quiet_hours: { ...defaults.quiet_hours, enabled: true, time_zone: 'Asia/Shanghai', ...quiet } }
}

describe('day headings', () => {
  const now = new Date('2026-03-10T09:30:00Z') // 17:30 in Shanghai

  test('items fall under Today, Yesterday and then their date, in the reader\'s time zone', () => {
    const groups = groupByDay([
      item('2026-03-10T01:00:00Z'), // 09:00 today in Shanghai
      item('2026-03-09T17:00:00Z'), // 01:00 today in Shanghai, still yesterday in UTC
      item('2026-03-09T03:00:00Z'),
      item('2026-03-07T12:00:00Z'),
    ], now, 'Asia/Shanghai')
    expect(groups.map(g => [g.label.kind, g.items.length])).toEqual([['today', 2], ['yesterday', 1], ['date', 1]])
    expect(groups[2]!.day).toBe('2026-03-07')
  })

  test('the same items in UTC split differently: the heading follows the zone, not the server', () => {
    const groups = groupByDay([item('2026-03-10T01:00:00Z'), item('2026-03-09T17:00:00Z')], now, 'UTC')
    expect(groups.map(g => g.label.kind)).toEqual(['today', 'yesterday'])
  })
})

describe('snooze presets', () => {
  const now = new Date(2026, 2, 11, 15, 20) // a Wednesday, local time

  test('one hour and three hours count from now', () => {
    expect(snoozeUntil('hour', now).getTime() - now.getTime()).toBe(3_600_000)
    expect(snoozeUntil('threeHours', now).getTime() - now.getTime()).toBe(3 * 3_600_000)
  })

  test('tomorrow means 09:00 on the next local day', () => {
    const until = snoozeUntil('tomorrow', now)
    expect([until.getDate(), until.getHours(), until.getMinutes()]).toEqual([12, 9, 0])
  })

  test('next week means Monday 09:00, a full week away when today is Monday', () => {
    const fromWednesday = snoozeUntil('nextWeek', now)
    expect([fromWednesday.getDay(), fromWednesday.getDate(), fromWednesday.getHours()]).toEqual([1, 16, 9])
    const fromMonday = snoozeUntil('nextWeek', new Date(2026, 2, 16, 8, 0))
    expect([fromMonday.getDay(), fromMonday.getDate()]).toEqual([1, 23])
  })
})

describe('quiet hours', () => {
  test('a window across midnight holds late evening and early morning in its own zone', () => {
    const quiet = preferences().quiet_hours
    expect(inQuietHours(quiet, new Date('2026-03-10T15:30:00Z'))).toBe(true) // 23:30 Shanghai
    expect(inQuietHours(quiet, new Date('2026-03-10T23:59:00Z'))).toBe(true) // 07:59 Shanghai
    expect(inQuietHours(quiet, new Date('2026-03-11T00:00:00Z'))).toBe(false) // 08:00 Shanghai
    expect(inQuietHours(quiet, new Date('2026-03-10T06:00:00Z'))).toBe(false) // 14:00 Shanghai
  })

  test('switched off, nothing is quiet', () => {
    expect(inQuietHours(preferences({ enabled: false }).quiet_hours, new Date('2026-03-10T15:30:00Z'))).toBe(false)
  })

  test('during quiet hours only alerts interrupt, and only when allowed', () => {
    const night = new Date('2026-03-10T15:30:00Z')
    expect(mayInterrupt(preferences(), 'analysis', 'toast', night)).toBe(false)
    expect(mayInterrupt(preferences(), 'alert', 'toast', night)).toBe(true)
    expect(mayInterrupt(preferences({ allow_alerts: false }), 'alert', 'toast', night)).toBe(false)
  })

  test('a channel switched off for a type never interrupts, day or night', () => {
    const day = new Date('2026-03-10T06:00:00Z')
    expect(mayInterrupt(preferences(), 'analysis', 'toast', day)).toBe(true)
    expect(mayInterrupt(preferences(), 'analysis', 'sound', day)).toBe(false)
  })
})

describe('triage keys', () => {
  function press(key: string, target: EventTarget = document.body, modifiers: Partial<KeyboardEvent> = {}) {
    return triageCommandOf({ key, target, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, ...modifiers })
  }

  test('each key of the help dialog means its command', () => {
    expect(['j', 'k', 'Enter', 'e', 'u', 's', 'x', '#', 'z', '/', '?'].map(key => press(key)))
      .toEqual(['next', 'previous', 'open', 'done', 'toggleRead', 'snooze', 'select', 'delete', 'undo', 'search', 'help'])
  })

  test('never while typing in a field, and never with a browser modifier', () => {
    const input = document.createElement('input')
    const editor = document.createElement('div')
    editor.setAttribute('contenteditable', 'true')
    document.body.append(input, editor)
    expect(press('e', input)).toBeNull()
    expect(press('j', document.createElement('textarea'))).toBeNull()
    expect(press('#', editor)).toBeNull()
    expect(press('e', document.body, { ctrlKey: true })).toBeNull()
    expect(press('q')).toBeNull()
    input.remove()
    editor.remove()
  })
})
