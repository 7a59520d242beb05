import { Paths, type Stats } from '@/protocol'
import { apiFetch } from './http'

/** Connection statistics: the bare object of SPEC §1.3 (not enveloped). */
export function fetchStats(): Promise<Stats> {
  return apiFetch<Stats>(Paths.stats)
}
