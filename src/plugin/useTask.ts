// One background task followed live: progress, status, message, and its result or error.
import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import type { TaskStatus } from '../protocol'
import { useTasksStore, type TaskView } from '../stores/tasks'

export interface UseTaskOptions {
  /** Open the task's socket (and keep it until the task ends). @default true */
  follow?: boolean
}

export interface UseTaskReturn {
  /** Everything known about the task, or null before its first frame or snapshot. */
  task: ComputedRef<TaskView | null>
  /** pending, running, completed or error (`pending` until known). */
  status: ComputedRef<TaskStatus>
  /** 0–100. */
  progress: ComputedRef<number>
  /** The server's text for the current step. */
  message: ComputedRef<string>
  /** What a completed task produced, else null. */
  result: ComputedRef<Record<string, unknown> | null>
  /** Why a failed task failed, else null. */
  error: ComputedRef<string | null>
}

/** Follows the task `taskId` (a ref or getter switches to another task). */
export function useTask(taskId: MaybeRefOrGetter<string>, options: UseTaskOptions = {}): UseTaskReturn {
  const { follow = true } = options
  const store = useTasksStore()
  if (follow) {
    watch(() => toValue(taskId), (id) => {
      if (id)
        store.watch(id)
    }, { immediate: true })
  }
  const task = computed(() => store.tasks.find(each => each.task_id === toValue(taskId)) ?? null)
  return {
    task,
    status: computed(() => task.value?.status ?? 'pending'),
    progress: computed(() => task.value?.progress ?? 0),
    message: computed(() => task.value?.message ?? ''),
    result: computed(() => task.value?.result ?? null),
    error: computed(() => task.value?.error ?? null),
  }
}
