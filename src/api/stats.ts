import { Routes, type Stats } from '@/protocol'
import { callRoute } from './http'

/** Connection statistics: the bare object of SPEC §1.3 (not enveloped). */
export function fetchStats(): Promise<Stats> {
  return callRoute(Routes.stats)
}
