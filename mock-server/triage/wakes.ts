// Snooze wake-ups (SPEC §3.3): ONE timer for the nearest snooze end of any user, not one per item. It is
// armed from storage at start (so wakes survive restarts, and those that passed while the server was
// down are delivered at once), re-armed when a nearer snooze is made here or announced by another
// process, and after every wake. Each due snooze is claimed with one atomic UPDATE in the (possibly
// shared) database: only the process whose UPDATE changed the row pushes `notification_updated`
// (`snooze_ended`), through the hub, so every process delivers it to its own sockets and streams.
import { notificationUpdatedMessage, UpdateReason, type Notification } from '../../src/protocol'
import { OutboundEvent, type Hub } from '../hub'
import type { Logger } from '../logger'
import type { TriageStore } from '../storage/triage'

/** Wakes claimed per pass; more due at once are taken in further passes, one event-loop turn apart. */
const WAKES_PER_PASS = 200
/**
 * Longest sleep of the timer. Alone, only setTimeout's own limit (~24.8 days) matters; with processes
 * sharing the database a process also looks again this often, so a snooze made by a process that died
 * before its wake is still woken by another.
 */
const MAX_SLEEP_MS = 2_147_483_647
const CLUSTER_RECHECK_MS = 30_000

export interface WakeScheduler {
  /** A snooze ending at `atMs` was stored here: wake earlier if it is nearer (and tell the other processes). */
  snoozed: (atMs: number) => void
  /** Another process stored a snooze ending at `atMs`. */
  announced: (atMs: number) => void
  /** When the timer will next look, in ms since the epoch (null when nothing is snoozed); for tests and logs. */
  readonly armedFor: number | null
  stop: () => void
}

export interface WakeSchedulerOptions {
  store: TriageStore
  hub: Hub
  log: Logger
  /** Processes share the database: look again at least every CLUSTER_RECHECK_MS. */
  clustered: boolean
}

export function startWakeScheduler({ store, hub, log, clustered }: WakeSchedulerOptions): WakeScheduler {
  let timer: NodeJS.Timeout | null = null
  let armedFor: number | null = null
  let stopped = false
  const longestSleep = clustered ? CLUSTER_RECHECK_MS : MAX_SLEEP_MS

  function arm(atMs: number | null): void {
    if (stopped)
      return
    if (timer)
      clearTimeout(timer)
    timer = null
    armedFor = null
    const now = Date.now()
    const wakeAt = atMs === null ? (clustered ? now + longestSleep : null) : Math.min(atMs, now + longestSleep)
    if (wakeAt === null)
      return
    armedFor = wakeAt
    timer = setTimeout(() => void wake(), Math.max(0, wakeAt - now))
    // The timer alone never keeps a process alive that has nothing else to do.
    timer.unref()
  }

  async function wake(): Promise<void> {
    timer = null
    armedFor = null
    let due
    try {
      due = await store.dueWakes(Date.now(), WAKES_PER_PASS)
      const woken = new Map<string, Notification[]>()
      for (const wake of due) {
        const notification = await store.claimWake(wake)
        if (notification)
          woken.set(wake.userId, [...woken.get(wake.userId) ?? [], notification])
      }
      for (const [userId, items] of woken)
        hub.publish(userId, new OutboundEvent(notificationUpdatedMessage(items as [Notification, ...Notification[]], UpdateReason.SnoozeEnded)))
    }
    catch (error) {
      // A busy or closing database: try again shortly rather than lose the wake.
      log('error', `snooze wake-ups failed, retrying in 1 s: ${(error as Error).message}`)
      arm(Date.now() + 1000)
      return
    }
    if (due.length === WAKES_PER_PASS)
      arm(Date.now())
    else
      await armFromStorage()
  }

  /**
   * Arms for the nearest snooze end in storage, unless a nearer one was armed while the query was out
   * (a snooze made meanwhile, which the answer may predate).
   */
  async function armFromStorage(): Promise<void> {
    let next: number | null
    try {
      next = await store.nextWake()
    }
    catch (error) {
      log('error', `snooze wake-ups: cannot read the next one, retrying in 1 s: ${(error as Error).message}`)
      next = Date.now() + 1000
    }
    if (armedFor === null)
      arm(next)
    else if (next !== null && next < armedFor)
      arm(next)
  }

  function nearer(atMs: number): void {
    if (armedFor === null || atMs < armedFor)
      arm(atMs)
  }

  void armFromStorage()

  return {
    snoozed(atMs) {
      nearer(atMs)
      hub.announceWake(atMs)
    },
    announced: nearer,
    get armedFor() {
      return armedFor
    },
    stop() {
      stopped = true
      if (timer)
        clearTimeout(timer)
      timer = null
    },
  }
}
