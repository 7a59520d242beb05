export { dayOf, groupByDay, type DayGroup, type DayLabel } from './dayGroups'
export { triageCommandOf, TRIAGE_KEYS, type TriageCommand } from './keys'
export { inQuietHours, mayInterrupt } from './quietHours'
export { snoozeUntil, SNOOZE_PRESETS, type SnoozePreset } from './snoozePresets'
