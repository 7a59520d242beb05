// Demo notifications for `npm run dev`: every N seconds each user with a live connection gets the next
// of a varied set, so a newcomer sees the bell, toasts and inbox move without doing anything.
import { TextKey } from '../src/protocol'
import type { Hub } from './hub'
import type { Notifier } from './notifier'
import type { NewNotification } from './storage/notifications'

function analysisDone(symbol: string): NewNotification {
  return {
    type: 'analysis',
    title: '分析完成',
    content: `${symbol} 分析已完成`,
    link: `/stocks/${symbol}`,
    source: 'analysis',
    title_key: TextKey.AnalysisCompletedTitle,
    content_key: TextKey.AnalysisCompletedContent,
    params: { symbol },
  }
}

// Chinese text as the document's server would send it, and the keys an app translates it by.
const DEMO_NOTIFICATIONS: NewNotification[] = [
  analysisDone('000001'),
  { type: 'alert', title: '价格提醒', content: '600519 贵州茅台 盘中涨幅超过 3%', link: '/stocks/600519', source: 'monitor', title_key: TextKey.PriceAlertTitle, content_key: TextKey.PriceAlertContent, params: { symbol: '600519', name: '贵州茅台', percent: 3 } },
  { type: 'system', title: '系统维护通知', content: '今晚 23:00–23:30 进行例行维护，届时实时推送可能短暂中断。', link: null, source: 'system', title_key: TextKey.MaintenanceTitle, content_key: TextKey.MaintenanceContent, params: { from: '23:00', to: '23:30' } },
  analysisDone('600036'),
  { type: 'alert', title: '成交量异动', content: '000858 五粮液 成交量较 5 日均量放大 2.4 倍', link: '/stocks/000858', source: 'monitor', title_key: TextKey.VolumeSpikeTitle, content_key: TextKey.VolumeSpikeContent, params: { symbol: '000858', name: '五粮液', days: 5, ratio: 2.4 } },
  { type: 'system', title: '新功能上线', content: '通知中心支持按类型筛选和一键全部已读。', link: '/notifications', source: 'system', title_key: TextKey.NewFeatureTitle, content_key: TextKey.NewFeatureContent },
  { type: 'alert', title: '跌破支撑位', content: '601318 中国平安 跌破 20 日均线', link: '/stocks/601318', source: 'monitor', title_key: TextKey.SupportBrokenTitle, content_key: TextKey.SupportBrokenContent, params: { symbol: '601318', name: '中国平安', days: 20 } },
  analysisDone('000858'),
]

/**
 * Starts the demo feed; returns the function that stops it. With several processes the hub names every
 * connected user of the cluster, so one process with DEMO_INTERVAL set feeds them all.
 */
export function startDemo(hub: Hub, notifier: Notifier, intervalSec: number): () => void {
  let next = 0
  let stopped = false
  const timer = setInterval(async () => {
    const users = await hub.liveUserIds()
    // The answer may come back after shutdown began (the database is closing then).
    if (stopped || users.length === 0)
      return
    // A database that went away (shutdown, an outage) costs this round only; the next one tries again.
    await notifier.notify(users, DEMO_NOTIFICATIONS[next++ % DEMO_NOTIFICATIONS.length]).catch(() => {})
  }, intervalSec * 1000)
  timer.unref()
  return () => {
    stopped = true
    clearInterval(timer)
  }
}
