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
  /** A task waiting to start. */
  TaskPending: 'task.pending',
  /** A task that finished. */
  TaskCompleted: 'task.completed',
  /** A task whose step failed (params: `step_key` or `step`). */
  TaskStepFailed: 'task.step_failed',
  /** A task whose step took too long. */
  TaskStepTimedOut: 'task.step_timed_out',
  /** A task cut short by a server restart. */
  TaskInterrupted: 'task.interrupted',
  /** Title of the notification that an analysis finished. */
  AnalysisCompletedTitle: 'notification.analysis_completed.title',
  /** Its content. */
  AnalysisCompletedContent: 'notification.analysis_completed.content',
  /** Title of the notification that an analysis failed. */
  AnalysisFailedTitle: 'notification.analysis_failed.title',
  /** Its content. */
  AnalysisFailedContent: 'notification.analysis_failed.content',
  // The demo feed (mock-server/demo.ts).
  /** Demo feed: a price alert's title. */
  PriceAlertTitle: 'notification.price_alert.title',
  /** Its content. */
  PriceAlertContent: 'notification.price_alert.content',
  /** Demo feed: a maintenance notice's title. */
  MaintenanceTitle: 'notification.maintenance.title',
  /** Its content. */
  MaintenanceContent: 'notification.maintenance.content',
  /** Demo feed: a volume spike's title. */
  VolumeSpikeTitle: 'notification.volume_spike.title',
  /** Its content. */
  VolumeSpikeContent: 'notification.volume_spike.content',
  /** Demo feed: a new feature's title. */
  NewFeatureTitle: 'notification.new_feature.title',
  /** Its content. */
  NewFeatureContent: 'notification.new_feature.content',
  /** Demo feed: a broken support level's title. */
  SupportBrokenTitle: 'notification.support_broken.title',
  /** Its content. */
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
