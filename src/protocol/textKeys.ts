// Stable keys for the server's own texts (v1.2, additive). The Chinese text stays on the wire for
// clients that know no keys; a client that knows a key shows its own translation, filling in the
// params, and falls back to the text otherwise. A param named `<name>_key` holds another key, to be
// translated and filled in as `<name>` (a failure reason that names the failed step).
import * as z from 'zod/mini'

/** Values filled into a keyed text. */
export const textParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))
export type TextParams = z.infer<typeof textParamsSchema>

/** The keys the bundled server sets (the app has a translation of each in every language). */
export const TextKey = {
  TaskPending: 'task.pending',
  TaskCompleted: 'task.completed',
  TaskStepFailed: 'task.step_failed',
  TaskStepTimedOut: 'task.step_timed_out',
  TaskInterrupted: 'task.interrupted',
  AnalysisCompletedTitle: 'notification.analysis_completed.title',
  AnalysisCompletedContent: 'notification.analysis_completed.content',
  AnalysisFailedTitle: 'notification.analysis_failed.title',
  AnalysisFailedContent: 'notification.analysis_failed.content',
  // The demo feed (mock-server/demo.ts).
  PriceAlertTitle: 'notification.price_alert.title',
  PriceAlertContent: 'notification.price_alert.content',
  MaintenanceTitle: 'notification.maintenance.title',
  MaintenanceContent: 'notification.maintenance.content',
  VolumeSpikeTitle: 'notification.volume_spike.title',
  VolumeSpikeContent: 'notification.volume_spike.content',
  NewFeatureTitle: 'notification.new_feature.title',
  NewFeatureContent: 'notification.new_feature.content',
  SupportBrokenTitle: 'notification.support_broken.title',
  SupportBrokenContent: 'notification.support_broken.content',
} as const

/** The default analysis steps (the server's Chinese names) and their keys. */
export const STEP_KEYS: Readonly<Record<string, string>> = {
  获取行情数据: 'step.fetch_quotes',
  技术分析: 'step.technical',
  基本面分析: 'step.fundamentals',
  新闻情绪分析: 'step.news_sentiment',
  生成报告: 'step.report',
}
