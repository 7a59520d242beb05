// Simulated analysis tasks: each named step takes `step_ms`; the task is at step k with progress
// k/n·100 while that step runs, then completes (progress 100, a result, and the document's
// "分析完成" notification) — or fails at `fail_at_step` with a readable reason. Each step is a change
// of its TaskRun (run.ts), as an application's own task is.
import { isTaskFinished, type CreateTaskRequest } from '../../src/protocol'
import type { Logger } from '../logger'
import type { TaskQuery, TaskRecord, TaskStore } from '../storage/tasks'
import { DEFAULT_STEP_MS, DEFAULT_STEPS, INTERRUPTED_REASON, simulateAnalysis, STEP_FAILED_SUFFIX, STEP_TIMED_OUT_SUFFIX } from './analysis'
import { newTaskRecord, TaskRun } from './run'

export interface TaskSimulatorOptions {
  store: TaskStore
  /** Called after every change of a task's state (including the final one), once it is stored. */
  onChange: (task: TaskRecord) => void
  /**
   * Other processes run tasks in the same database, so only tasks nobody has advanced for a step plus
   * this long are theirs no more (`sweepStale`); null when this process runs them all. @default null
   */
  sharedGraceMs?: number | null
  /** Where a step that cannot be stored is reported. @default nowhere */
  log?: Logger
}

export interface TaskSimulator {
  /**
   * Creates and starts a task owned by `userId`; null, starting nothing, when the user already has
   * `maxUnfinished` unfinished tasks (in any process).
   */
  start: (userId: string, request: CreateTaskRequest, maxUnfinished?: number) => Promise<TaskRecord | null>
  get: (taskId: string) => Promise<TaskRecord | null>
  list: (query: TaskQuery) => Promise<TaskRecord[]>
  /** The user's pending and running tasks, with this process's live state where it runs them. */
  unfinishedOf: (userId: string) => Promise<TaskRecord[]>
  /** Marks failed (and reports through onChange) tasks whose process died; only with `sharedGraceMs`. */
  sweepStale: () => Promise<void>
  /** Stops every timer (shutdown); unfinished tasks are marked failed at the next start. */
  stop: () => void
}

export { INTERRUPTED_REASON } from './analysis'

/** Progress after `step` of `total` steps, one decimal (step 1 of 5 is 20.0, as in the document). */
export function progressAt(step: number, total: number): number {
  return Math.round((step / total) * 1000) / 10
}

export { publicTask } from './run'

/**
 * Marks failed the tasks a previous run left unfinished (with other processes sharing the database:
 * only those nobody advanced for a step plus `sharedGraceMs`). Awaited before the simulator starts.
 */
export async function failInterruptedTasks(store: TaskStore, sharedGraceMs: number | null = null): Promise<void> {
  if (sharedGraceMs === null)
    await store.failUnfinished(INTERRUPTED_REASON)
  else
    await store.failStale(INTERRUPTED_REASON, sharedGraceMs)
}

export function createTaskSimulator({ store, onChange, sharedGraceMs = null, log = () => {} }: TaskSimulatorOptions): TaskSimulator {
  const running = new Map<string, { run: TaskRun, timer: NodeJS.Timeout | null }>()

  async function save(task: TaskRecord): Promise<void> {
    await store.update(task)
    onChange(task)
  }

  /**
   * Moves the task one step, stores it, and only then times the next step, so a slow database never
   * sees two steps of one task in flight. Its live state stays readable here until it is stored.
   */
  async function advance(run: TaskRun): Promise<void> {
    const entry = running.get(run.id)
    if (!entry)
      return
    entry.timer = null
    const task = run.task
    const next = task.step + 1
    const total = task.total_steps
    let changed: Promise<unknown>
    if (task.fail_at_step === next) {
      const name = task.steps[next - 1]
      changed = run.update({
        status: 'error',
        step: next,
        progress: progressAt(next - 1, total),
        message: `${name}${STEP_FAILED_SUFFIX}`,
        error: `${name}${STEP_TIMED_OUT_SUFFIX}`,
      })
    }
    else if (next > total) {
      changed = run.complete(simulateAnalysis(task.symbol), '分析完成')
    }
    else {
      changed = run.progress(progressAt(next, total), task.steps[next - 1], next)
    }
    try {
      await changed
    }
    catch (error) {
      log('error', `task ${task.task_id}: step not stored: ${(error as Error).message}`)
    }
    // Stopped meanwhile (shutdown): the entry is gone and nothing is timed again.
    if (running.get(task.task_id) !== entry)
      return
    if (isTaskFinished(task.status))
      running.delete(task.task_id)
    else
      entry.timer = setTimeout(step, task.step_ms, run)
  }

  function step(run: TaskRun): void {
    void advance(run)
  }

  return {
    async start(userId, request, maxUnfinished = Infinity) {
      const task = newTaskRecord(userId, {
        symbol: request.symbol,
        steps: request.steps ?? DEFAULT_STEPS,
        stepMs: request.step_ms ?? DEFAULT_STEP_MS,
        failAtStep: request.fail_at_step,
      })
      if (!await store.insert(task, maxUnfinished))
        return null
      const run = new TaskRun(task, save)
      running.set(task.task_id, { run, timer: setTimeout(step, task.step_ms, run) })
      return task
    },

    get: async taskId => running.get(taskId)?.run.task ?? store.get(taskId),

    list: async query => (await store.list(query)).map(task => running.get(task.task_id)?.run.task ?? task),

    unfinishedOf: async userId => (await store.unfinishedOf(userId)).map(task => running.get(task.task_id)?.run.task ?? task),

    async sweepStale() {
      if (sharedGraceMs === null)
        return
      for (const task of await store.failStale(INTERRUPTED_REASON, sharedGraceMs))
        onChange(task)
    },

    stop() {
      for (const { timer } of running.values()) {
        if (timer)
          clearTimeout(timer)
      }
      running.clear()
    },
  }
}
