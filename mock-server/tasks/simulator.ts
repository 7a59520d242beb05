// Simulated analysis tasks: each named step takes `step_ms`; the task is at step k with progress
// k/n·100 while that step runs, then completes (progress 100, a result, and the document's
// "分析完成" notification) — or fails at `fail_at_step` with a readable reason.
import { randomUUID } from 'node:crypto'
import { isTaskFinished, type CreateTaskRequest, type TaskInfo } from '../../src/protocol'
import type { TaskQuery, TaskRecord, TaskStore } from '../storage/tasks'
import { DEFAULT_STEP_MS, DEFAULT_STEPS, INTERRUPTED_REASON, simulateAnalysis, STEP_FAILED_SUFFIX, STEP_TIMED_OUT_SUFFIX } from './analysis'
import { withTextKeys } from './text-keys'

export interface TaskSimulatorOptions {
  store: TaskStore
  /** Called after every change of a task's state (including the final one). */
  onChange: (task: TaskRecord) => void
  /**
   * Other processes run tasks in the same database, so at start only tasks nobody has advanced for a
   * step plus this long are marked failed, not every unfinished one; null when this process runs them
   * all. @default null
   */
  sharedGraceMs?: number | null
}

export interface TaskSimulator {
  /**
   * Creates and starts a task owned by `userId`; null, starting nothing, when the user already has
   * `maxUnfinished` unfinished tasks (in any process).
   */
  start: (userId: string, request: CreateTaskRequest, maxUnfinished?: number) => TaskRecord | null
  get: (taskId: string) => TaskRecord | null
  list: (query: TaskQuery) => TaskRecord[]
  /** The user's pending and running tasks, with this process's live state where it runs them. */
  unfinishedOf: (userId: string) => TaskRecord[]
  /** Marks failed (and reports through onChange) tasks whose process died; only with `sharedGraceMs`. */
  sweepStale: () => void
  /** Stops every timer (shutdown); unfinished tasks are marked failed at the next start. */
  stop: () => void
}

export { INTERRUPTED_REASON } from './analysis'

/** Progress after `step` of `total` steps, one decimal (step 1 of 5 is 20.0, as in the document). */
export function progressAt(step: number, total: number): number {
  return Math.round((step / total) * 1000) / 10
}

/** The API shape of a task (what the simulator needs to run it stays private). */
/** What clients see of a task: no simulator settings, and the keys of its texts (text-keys.ts). */
export function publicTask({ step_ms: _stepMs, fail_at_step: _failAt, ...task }: TaskRecord): TaskInfo {
  return withTextKeys(task)
}

export function createTaskSimulator({ store, onChange, sharedGraceMs = null }: TaskSimulatorOptions): TaskSimulator {
  if (sharedGraceMs === null)
    store.failUnfinished(INTERRUPTED_REASON)
  else
    store.failStale(INTERRUPTED_REASON, sharedGraceMs)
  const running = new Map<string, { task: TaskRecord, timer: NodeJS.Timeout }>()

  function save(task: TaskRecord): void {
    task.updated_at = new Date().toISOString()
    store.update(task)
    onChange(task)
  }

  function advance(task: TaskRecord): void {
    const next = task.step + 1
    const total = task.total_steps
    if (task.fail_at_step === next) {
      const name = task.steps[next - 1]
      task.status = 'error'
      task.step = next
      task.progress = progressAt(next - 1, total)
      task.message = `${name}${STEP_FAILED_SUFFIX}`
      task.error = `${name}${STEP_TIMED_OUT_SUFFIX}`
    }
    else if (next > total) {
      task.status = 'completed'
      task.progress = 100
      task.message = '分析完成'
      task.result = simulateAnalysis(task.symbol)
    }
    else {
      task.status = 'running'
      task.step = next
      task.progress = progressAt(next, total)
      task.message = task.steps[next - 1]
    }
    if (isTaskFinished(task.status))
      running.delete(task.task_id)
    else
      running.get(task.task_id)!.timer = setTimeout(advance, task.step_ms, task)
    save(task)
  }

  return {
    start(userId, request, maxUnfinished = Infinity) {
      const now = new Date().toISOString()
      const steps = request.steps ?? DEFAULT_STEPS
      const task: TaskRecord = {
        task_id: randomUUID(),
        symbol: request.symbol,
        user: userId,
        status: 'pending',
        message: '等待开始',
        step: 0,
        total_steps: steps.length,
        progress: 0,
        steps,
        created_at: now,
        updated_at: now,
        step_ms: request.step_ms ?? DEFAULT_STEP_MS,
        fail_at_step: request.fail_at_step ?? null,
      }
      if (!store.insert(task, maxUnfinished))
        return null
      running.set(task.task_id, { task, timer: setTimeout(advance, task.step_ms, task) })
      return task
    },

    get: taskId => running.get(taskId)?.task ?? store.get(taskId),

    list: query => store.list(query).map(task => running.get(task.task_id)?.task ?? task),

    unfinishedOf: userId => store.unfinishedOf(userId).map(task => running.get(task.task_id)?.task ?? task),

    sweepStale() {
      if (sharedGraceMs === null)
        return
      for (const task of store.failStale(INTERRUPTED_REASON, sharedGraceMs))
        onChange(task)
    },

    stop() {
      for (const { timer } of running.values())
        clearTimeout(timer)
      running.clear()
    },
  }
}
