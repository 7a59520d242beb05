// The triage half of `npm run notify` (SPEC §3.2): mark read or unread, archive (done) or unarchive,
// snooze until a time or for a duration, unsnooze — on the signed-in account's own notifications.
// Several comma-separated ids make one bulk request (snooze takes one id at a time).
import { MAX_SNOOZE_DAYS, Paths, type BulkAction, type Notification } from '../../src/protocol'
import { CliError, post, type Session } from './api'

export const TRIAGE_USAGE = `Triage (on the --as account's own notifications; ids comma-separated for several):
  --read <ids>       mark read                --unread <ids>     mark unread
  --archive <ids>    done (archived, read)    --unarchive <ids>  back in the inbox
  --snooze <id>      hide until --until <ISO time> or for --for <duration: 90s, 30m, 2h, 3d>
                     (at most ${MAX_SNOOZE_DAYS} days); back unread when it ends
  --unsnooze <id>    end a snooze now`

export interface TriageOptions {
  read?: string
  unread?: string
  archive?: string
  unarchive?: string
  snooze?: string
  unsnooze?: string
  until?: string
  for?: string
}

type ListAction = Exclude<BulkAction, 'delete'>
const LIST_ACTIONS: readonly ListAction[] = ['read', 'unread', 'archive', 'unarchive']
const SINGLE_PATHS: Record<ListAction, (id: string) => string> = {
  read: Paths.notificationRead,
  unread: Paths.notificationUnread,
  archive: Paths.archive,
  unarchive: Paths.unarchive,
}
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `90s`, `30m`, `2h`, `3d` in ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim())
  if (!match)
    throw new CliError(`--for must be a duration such as 90s, 30m, 2h or 3d, got "${text}"`)
  return Number(match[1]) * UNIT_MS[match[2]!]!
}

/** Whether the options ask for a triage action (rather than a new notification). */
export function isTriage(options: TriageOptions): boolean {
  return [...LIST_ACTIONS, 'snooze', 'unsnooze'].some(name => options[name as keyof TriageOptions] !== undefined)
}

function snoozeEnd(options: TriageOptions): string {
  if ((options.until === undefined) === (options.for === undefined))
    throw new CliError('--snooze needs either --until <ISO time> or --for <duration>')
  return options.until ?? new Date(Date.now() + parseDuration(options.for!)).toISOString()
}

/** Runs the one triage action asked for; returns the line to print. */
export async function runTriage(session: Session, options: TriageOptions): Promise<string> {
  const asked = [...LIST_ACTIONS, 'snooze', 'unsnooze'].filter(name => options[name as keyof TriageOptions] !== undefined)
  if (asked.length > 1)
    throw new CliError(`one triage action at a time, got --${asked.join(' and --')}`)
  if (options.snooze !== undefined) {
    const item = await post<Notification>(session, Paths.snooze(options.snooze), { until: snoozeEnd(options) })
    return `snoozed notification ${item.id} until ${item.snoozed_until}`
  }
  if (options.unsnooze !== undefined) {
    const item = await post<Notification>(session, Paths.unsnooze(options.unsnooze))
    return `notification ${item.id} is back in the inbox, ${item.status}`
  }
  const action = LIST_ACTIONS.find(name => options[name] !== undefined)!
  const ids = options[action]!.split(',').map(id => id.trim()).filter(Boolean)
  if (ids.length === 1) {
    const item = await post<Notification>(session, SINGLE_PATHS[action](ids[0]!))
    return `${action}: notification ${item.id} is now ${item.archived ? 'done' : 'in the inbox'}, ${item.status}`
  }
  const { updated } = await post<{ updated: number }>(session, Paths.bulk, { ids, action })
  return `${action}: ${updated} of ${ids.length} notifications changed`
}
