// The connect section's table and budget (issue 18 §2), beside the other sections' in tables.ts/budgets.ts.
import { connectRatio, type ConnectResult } from '../connect/run-connect'
import { TARGET_LABELS } from '../fanout/target'
import { count, table } from '../lib/format'
import { median } from '../lib/median'
import type { BudgetLine } from './budgets'

const CONNECT_RATE_BUDGET = 0.8

const times = (value: number) => `${value.toFixed(2)}x`
const range = (values: number[]) => `${times(Math.min(...values))}–${times(Math.max(...values))}`

export function connectTable(result: ConnectResult): string {
  const { clients, rounds } = result.settings
  return [
    `${count(clients)} clients per round, ${rounds} rounds; each server's figures are medians over its rounds, a ratio the median of the per-round ratios.`,
    table(
      ['Server', 'Connects/s per round', 'Median', 'Server CPU / connect', 'Clients CPU / connect', 'vs bare ws (range)'],
      result.targets.map(({ target, rounds: measured }) => {
        const vsBare = target === 'bare-ws' ? null : connectRatio(result, target, 'bare-ws')
        return [
          TARGET_LABELS[target],
          measured.map(round => count(round.perSec) + (round.failed ? ` (${round.failed} failed)` : '')).join(' / '),
          `${count(median(measured.map(round => round.perSec)))}/s`,
          `${median(measured.map(round => round.serverUs)).toFixed(0)} µs`,
          `${median(measured.map(round => round.clientsUs)).toFixed(0)} µs`,
          vsBare ? `${times(vsBare.median)} (${range(vsBare.perRound)})` : '',
        ]
      }),
    ),
  ].join('\n\n')
}

export function connectBudgets(result: ConnectResult): BudgetLine[] {
  const ours = connectRatio(result, 'tidings', 'bare-ws')
  if (!ours)
    return []
  const floor = connectRatio(result, 'connect-floor', 'bare-ws')
  const oursOverFloor = connectRatio(result, 'tidings', 'connect-floor')
  const failed = result.targets.find(entry => entry.target === 'tidings')!.rounds.reduce((sum, round) => sum + round.failed, 0)
  return [{
    budget: `Connect rate ≥ ${CONNECT_RATE_BUDGET}x bare ws (N=${count(result.settings.clients)}, median of ${result.settings.rounds} interleaved rounds)`,
    measured: `${times(ours.median)} (${range(ours.perRound)})`
      + (floor && oursOverFloor ? `; bare ws with the connect's duties: ${times(floor.median)}, ours / that floor ${times(oursOverFloor.median)}` : '')
      + (failed ? `; ${failed} connects failed` : ''),
    pass: ours.median >= CONNECT_RATE_BUDGET && failed === 0,
  }]
}
