// Telling clients that pushes may have passed them by. While Redis is away a client can stay connected
// and still miss pushes from other processes, in two ways:
//   - this process's subscriber was down: once it is subscribed again, every local client may have
//     missed pushes published elsewhere meanwhile;
//   - another process could not publish: it remembers the channels (MissedChannels) and, once its
//     publisher is back, publishes a Resync on each, so the processes holding their clients tell them.
// A notification socket or SSE stream is told with a `resync` frame/event (it fetches by REST; SSE
// Last-Event-ID cannot help, later pushes have moved it on); a task watcher simply gets the task's
// current state, which is what every progress frame carries anyway.
import { ResyncReason, resyncMessage } from '../../src/protocol'
import type { ConnectionRegistry } from '../connections/registry'
import { OutboundEvent, type LocalHub } from '../hub'

/** One event for every client told to resync: serialised once, no SSE `id:` (Last-Event-ID stays put). */
export const RESYNC_EVENT = new OutboundEvent(resyncMessage(ResyncReason.MissedPushes))

/** A task's state as its watchers are shown it. */
export interface TaskState {
  event: OutboundEvent
  finished: boolean
}

/** Channels remembered before the memory of single channels gives way to "everyone" (the broadcast channel). */
const MAX_MISSED_CHANNELS = 1000

/** The channels a process could not publish on while Redis was away; bounded. */
export class MissedChannels {
  private channels = new Set<string>()

  /** `everyone`: the channel whose Resync reaches every process's every client. */
  constructor(private readonly everyone: string, private readonly limit = MAX_MISSED_CHANNELS) {}

  add(channel: string): void {
    if (this.channels.has(this.everyone))
      return
    this.channels.add(channel)
    if (this.channels.size > this.limit)
      this.channels = new Set([this.everyone])
  }

  /** The channels to resync, forgotten here (the caller remembers again whatever it cannot publish). */
  take(): string[] {
    const channels = [...this.channels]
    this.channels.clear()
    return channels
  }
}

/** Tells this process's own clients to resync: of one user, of one task, or all of them. */
export class LocalResync {
  constructor(
    private readonly local: LocalHub,
    private readonly registry: ConnectionRegistry,
    private readonly taskState: (taskId: string) => Promise<TaskState | null>,
  ) {}

  /** Sends `resync` to the user's notification sockets and SSE streams here; returns how many got it. */
  user(userId: string): number {
    return this.local.publish(userId, RESYNC_EVENT)
  }

  /** Shows the task's current state to its watchers here (closing them if it has finished); returns how many. */
  async task(taskId: string): Promise<number> {
    const state = await this.taskState(taskId)
    return state === null ? 0 : this.local.publishTask(taskId, state.event, state.finished)
  }

  /** Every client of this process; returns how many were told. */
  async everyone(): Promise<number> {
    let told = 0
    for (const userId of this.registry.liveUserIds())
      told += this.user(userId)
    const tasks = await Promise.all([...this.registry.watchedTaskIds()].map(taskId => this.task(taskId)))
    return tasks.reduce((sum, count) => sum + count, told)
  }
}
