// What a finished simulated analysis reports: a small, plausible result for the stock page.

export const DEFAULT_STEPS = ['获取行情数据', '技术分析', '基本面分析', '新闻情绪分析', '生成报告']
export const DEFAULT_STEP_MS = 800

/** Why a task cut off by a restart failed. */
export const INTERRUPTED_REASON = '服务重启，任务已中断'
/** A failed step's message and reason follow its name (text-keys.ts reads them back as keys). */
export const STEP_FAILED_SUFFIX = '失败'
export const STEP_TIMED_OUT_SUFFIX = '失败：数据源响应超时（模拟故障）'

const KNOWN_NAMES: Record<string, string> = {
  '000001': '平安银行',
  '000858': '五粮液',
  '600036': '招商银行',
  '600519': '贵州茅台',
  '601318': '中国平安',
}

export type Rating = '买入' | '持有' | '卖出'

export interface AnalysisResult extends Record<string, unknown> {
  symbol: string
  name: string | null
  rating: Rating
  /** 0–100, higher is better. */
  score: number
  price: number
  change_percent: number
  summary: string
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]
}

function ratingFor(score: number): Rating {
  return score >= 70 ? '买入' : score >= 40 ? '持有' : '卖出'
}

export function simulateAnalysis(symbol: string): AnalysisResult {
  const score = Math.round(20 + Math.random() * 75)
  const rating = ratingFor(score)
  const price = Math.round((5 + Math.random() * 195) * 100) / 100
  const changePercent = Math.round((Math.random() * 10 - 5) * 100) / 100
  const trend = score >= 60 ? pick(['均线多头排列', '放量突破前高']) : pick(['震荡整理', '缩量回调'])
  const fundamentals = score >= 50 ? pick(['盈利稳定增长', '估值处于合理区间']) : pick(['业绩增速放缓', '估值偏高'])
  const sentiment = pick(['偏积极', '中性', '略偏谨慎'])
  return {
    symbol,
    name: KNOWN_NAMES[symbol] ?? null,
    rating,
    score,
    price,
    change_percent: changePercent,
    summary: `${symbol}：技术面${trend}，基本面${fundamentals}，新闻情绪${sentiment}；综合评分 ${score}，建议${rating}。`,
  }
}
