// The document's completion notification (and its failure counterpart) for an analysis' owner.
import { TextKey } from '../../src/protocol'
import type { Notifier } from '../notifier'
import type { TaskRecord } from '../storage/tasks'
import { publicTask } from './run'

/** Stores and pushes the notification a finished analysis gives its owner (nothing while it runs). */
export async function notifyTaskOutcome(notifier: Notifier, task: TaskRecord): Promise<void> {
  const link = `/stocks/${task.symbol}`
  if (task.status === 'completed') {
    await notifier.notify([task.user], {
      title: '分析完成',
      content: `${task.symbol} 分析已完成`,
      type: 'analysis',
      link,
      source: 'analysis',
      title_key: TextKey.AnalysisCompletedTitle,
      content_key: TextKey.AnalysisCompletedContent,
      params: { symbol: task.symbol },
    })
  }
  else if (task.status === 'error') {
    // The reason's own key (and the failed step's) come along, so the app can say all of it in English.
    const keyed = publicTask(task)
    const reasonKey = keyed.error_key ?? keyed.message_key
    await notifier.notify([task.user], {
      title: '分析失败',
      content: `${task.symbol} 分析失败：${task.error}`,
      type: 'alert',
      link,
      source: 'analysis',
      title_key: TextKey.AnalysisFailedTitle,
      content_key: TextKey.AnalysisFailedContent,
      params: { ...keyed.params, reason: task.error ?? '', ...(reasonKey ? { reason_key: reasonKey } : {}) },
    })
  }
}
