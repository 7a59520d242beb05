// The storm section's table and budgets (issue 18 §1), beside the other sections' in tables.ts/budgets.ts.
import { count, ms, table } from '../lib/format'
import type { StormResult } from '../storm/run-storm'
import type { BudgetLine } from './budgets'

const LABELS: Record<StormResult['target'], string> = { 'tidings': 'ours (app client: backoff + resync)', 'socket.io': 'Socket.IO 4.8' }
const STALL_BUDGET_MS = 200
const BACK_BUDGET_MS = 10_000

const backMs = (value: number | null) => (value === null ? 'never' : ms(value, 0))
const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(1)} s`
/** The longest stall, and how much of it the server was on a core (the clients hold the rest). */
const stall = (result: StormResult) => `${ms(result.stallMaxMs)}${result.longestStallCpuMs === null ? '' : ` (server on a core ${ms(result.longestStallCpuMs, 0)} of it)`}`
const perClient = (valueMs: number, result: StormResult) => (valueMs / Math.max(1, result.connected)).toFixed(2)

export function stormTable(results: StormResult[]): string {
  const rows = results.map(result => [
    LABELS[result.target],
    `${count(result.connected)}/${count(result.clients)}`,
    `${backMs(result.openMs.p50)} / ${backMs(result.openMs.p99)}`,
    backMs(result.backMs.p50),
    backMs(result.backMs.p99),
    backMs(result.backMs.p100),
    count(result.requests),
    stall(result),
    `${(result.lost / Math.max(1, result.connected)).toFixed(1)} of ${result.missedPerClient}`,
    (result.duplicated / Math.max(1, result.connected)).toFixed(1),
    result.target === 'tidings' ? `${count(result.resyncFailures)}${result.lastFailure ? ` (${result.lastFailure})` : ''}` : 'n/a',
    result.target === 'tidings' ? count(result.abandoned) : 'n/a',
    `${seconds(result.cpu.serverMs)} / ${seconds(result.cpu.clientsMs)} (${perClient(result.cpu.serverMs, result)} / ${perClient(result.cpu.clientsMs, result)} ms a client)`,
    seconds((result.cpu.serverMs + result.cpu.clientsMs) / result.cpu.cores),
  ])
  return [
    'Clients hold a connection; the server is killed (SIGKILL); while it is down each user gets the missed notifications (ours: written to the server\'s SQLite file by another process; Socket.IO: nothing stores them); the server starts again on the same file and port. Times count from the restarted server listening. Ours is back when open and resynced with every missed notification in its inbox model; a Socket.IO client when it has reconnected (no connection-state recovery: it keeps its state in the killed process\'s memory, so the missed ones are lost). The longest stall is the server\'s longest event-loop delay, with the CPU it spent in it: the clients share its cores, so part of a stall can be the server waiting for a core. CPU is what the restarted server and the client processes spent from the restart until the last client was back (or the wait ended); the clients run on the same cores, so that CPU over the cores is the shortest the storm could take on this machine however it is scheduled.',
    table(['Server', 'Clients', 'Socket open 50 / 99 %', '50 % back', '99 % back', '100 % back', 'HTTP requests served', 'Longest stall', 'Lost / client', 'Duplicated / client', 'Failed resyncs', 'Abandoned attempts', 'CPU: server / clients', 'CPU ÷ cores'], rows),
  ].join('\n\n')
}

export function stormBudgets(results: StormResult[]): BudgetLine[] {
  const ours = results.find(result => result.target === 'tidings')
  const peer = results.find(result => result.target === 'socket.io')
  if (!ours)
    return []
  const at = `N=${count(ours.clients)}`
  const lines: BudgetLine[] = [
    { budget: `Storm: 99 % back and resynced within 10 s (${at})`, measured: backMs(ours.backMs.p99), pass: ours.backMs.p99 !== null && ours.backMs.p99 <= BACK_BUDGET_MS },
    { budget: 'Storm: no event-loop stall over 200 ms', measured: stall(ours), pass: ours.stallMaxMs <= STALL_BUDGET_MS },
    { budget: 'Storm: zero lost, zero duplicated', measured: `${count(ours.lost)} lost, ${count(ours.duplicated)} duplicated`, pass: ours.lost === 0 && ours.duplicated === 0 && ours.back === ours.connected },
  ]
  if (peer) {
    const pass = ours.backMs.p99 !== null && (peer.backMs.p99 === null || ours.backMs.p99 <= peer.backMs.p99)
    lines.push({ budget: 'Storm: no slower than Socket.IO to 99 % back', measured: `${backMs(ours.backMs.p99)} vs ${backMs(peer.backMs.p99)}`, pass })
  }
  return lines
}
