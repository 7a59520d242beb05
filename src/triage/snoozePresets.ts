// When a snooze preset ends, in the reader's own clock: "tomorrow" and "next week" mean 09:00 local.
export const SNOOZE_PRESETS = ['hour', 'threeHours', 'tomorrow', 'nextWeek'] as const
export type SnoozePreset = typeof SNOOZE_PRESETS[number]

const HOUR = 3_600_000
const MORNING_HOUR = 9

function atMorning(day: Date): Date {
  const morning = new Date(day)
  morning.setHours(MORNING_HOUR, 0, 0, 0)
  return morning
}

export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  switch (preset) {
    case 'hour':
      return new Date(now.getTime() + HOUR)
    case 'threeHours':
      return new Date(now.getTime() + 3 * HOUR)
    case 'tomorrow': {
      const tomorrow = new Date(now)
      tomorrow.setDate(now.getDate() + 1)
      return atMorning(tomorrow)
    }
    case 'nextWeek': {
      // The next Monday, a full week away when today is Monday.
      const monday = new Date(now)
      monday.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7))
      return atMorning(monday)
    }
  }
}
