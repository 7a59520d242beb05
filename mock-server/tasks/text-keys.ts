// The stable keys (src/protocol/textKeys.ts) of the simulator's texts, read off a task's stored state:
// the simulator writes its messages in a fixed form, so the keys need no column of their own and
// tasks stored by an older build get them too. A step name the app has no key for keeps its text.
import { STEP_KEYS, TextKey, type TaskInfo, type TextParams } from '../../src/protocol'
import { INTERRUPTED_REASON, STEP_FAILED_SUFFIX, STEP_TIMED_OUT_SUFFIX } from './analysis'

export function withTextKeys(task: TaskInfo): TaskInfo {
  const stepKeys = task.steps.map(name => STEP_KEYS[name] ?? null)
  const keyed: TaskInfo = { ...task, step_keys: stepKeys }
  const current = task.steps[task.step - 1]
  const currentKey = stepKeys[task.step - 1] ?? null
  const params: TextParams = { symbol: task.symbol }
  if (current !== undefined)
    params.step = current
  if (currentKey)
    params.step_key = currentKey

  if (task.status === 'pending')
    keyed.message_key = TextKey.TaskPending
  else if (task.status === 'running' && currentKey && task.message === current)
    keyed.message_key = currentKey
  else if (task.status === 'completed')
    keyed.message_key = TextKey.TaskCompleted
  else if (task.status === 'error' && task.error === INTERRUPTED_REASON)
    keyed.message_key = keyed.error_key = TextKey.TaskInterrupted
  else if (task.status === 'error' && current !== undefined && task.message === `${current}${STEP_FAILED_SUFFIX}`) {
    keyed.message_key = TextKey.TaskStepFailed
    if (task.error === `${current}${STEP_TIMED_OUT_SUFFIX}`)
      keyed.error_key = TextKey.TaskStepTimedOut
  }
  keyed.params = params
  return keyed
}
