import { callRoute, Routes, type Stats } from 'tidings'

/** Connection statistics: the bare object of SPEC §1.3 (not enveloped). */
export function fetchStats(): Promise<Stats> {
  return callRoute(Routes.stats)
}
