// One task's life as clients see it: every change is applied in call order, stored, then published
// (its watchers' frame), and a finished task takes no more changes. The analysis simulator drives its
// tasks through this, and so does an application's own job (`startTask` of `tidings/server`).
import { randomUUID } from 'node:crypto'
import { isTaskFinished, type TaskInfo } from '../../src/protocol'
import type { TaskRecord } from '../storage/tasks'
import { withTextKeys } from './text-keys'

/** What clients see of a task: no simulator settings, and the keys of its texts (text-keys.ts). */
export function publicTask({ step_ms: _stepMs, fail_at_step: _failAt, ...task }: TaskRecord): TaskInfo {
  return withTextKeys(task)
}

/** What a task is created from. */
export interface NewTask {
  /** The task's subject (an analysis' stock symbol, an application task's name). */
  symbol: string
  steps: string[]
  /** How long a step may take; in a cluster a task unchanged for longer (plus a lease) counts as dead. */
  stepMs: number
  failAtStep?: number | null
  /** @default '等待开始' (pending) */
  message?: string
}

/** A new pending task of `userId`, not yet stored. */
export function newTaskRecord(userId: string, task: NewTask): TaskRecord {
  const now = new Date().toISOString()
  return {
    task_id: randomUUID(),
    symbol: task.symbol,
    user: userId,
    status: 'pending',
    message: task.message ?? '等待开始',
    step: 0,
    total_steps: task.steps.length,
    progress: 0,
    steps: task.steps,
    created_at: now,
    updated_at: now,
    step_ms: task.stepMs,
    fail_at_step: task.failAtStep ?? null,
  }
}

/** The fields a change may set. */
export type TaskChange = Partial<Pick<TaskRecord, 'status' | 'message' | 'step' | 'progress' | 'result' | 'error'>>

/** Drives one task; `save` stores its state and tells its watchers (and whoever else must know). */
export class TaskRun {
  private last: Promise<unknown> = Promise.resolve()

  constructor(readonly task: TaskRecord, private readonly save: (task: TaskRecord) => Promise<void>) {}

  get id(): string {
    return this.task.task_id
  }

  /**
   * Applies a change after the ones before it, stores and publishes it; resolves with what clients
   * now see. Rejects when the task has finished already (or the change could not be stored).
   */
  update(change: TaskChange): Promise<TaskInfo> {
    const applied = this.last.then(() => this.apply(change))
    this.last = applied.catch(() => {})
    return applied
  }

  /** Running at `percent` (0–100), with a message and the number (1-based) of the step it is in. */
  progress(percent: number, message = this.task.message, step = this.task.step): Promise<TaskInfo> {
    if (!Number.isFinite(percent) || percent < 0 || percent > 100)
      return Promise.reject(new RangeError(`progress must be a number from 0 to 100, got ${percent}`))
    return this.update({ status: 'running', progress: percent, message, step })
  }

  /** Finished: progress 100 and the result clients may show. */
  complete(result?: Record<string, unknown>, message = '已完成'): Promise<TaskInfo> {
    return this.update({ status: 'completed', progress: 100, message, ...(result === undefined ? {} : { result }) })
  }

  /** Failed with a reason clients show (also its message unless one is given). */
  fail(error: string, message = error): Promise<TaskInfo> {
    return this.update({ status: 'error', error, message })
  }

  private async apply(change: TaskChange): Promise<TaskInfo> {
    if (isTaskFinished(this.task.status))
      throw new Error(`task ${this.id} has finished (${this.task.status}): it takes no more changes`)
    Object.assign(this.task, change)
    this.task.updated_at = new Date().toISOString()
    await this.save(this.task)
    return publicTask(this.task)
  }
}
