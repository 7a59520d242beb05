// The simulated analysis's result fields (mock-server/tasks/analysis.ts), as the stock page shows
// them: a translated label, numbers per locale, the change with its sign, the rating as a badge.
// Unknown fields from another server still show, under their own names.

/** Fields the app has a label for, in the order they are shown. */
export const KNOWN_FIELDS = ['name', 'symbol', 'rating', 'score', 'price', 'change_percent', 'summary'] as const
export type KnownField = (typeof KNOWN_FIELDS)[number]

export function isKnownField(key: string): key is KnownField {
  return (KNOWN_FIELDS as readonly string[]).includes(key)
}

/** The server's rating (Chinese on the wire) → its stable key, or null when unknown. */
const RATINGS: Record<string, 'buy' | 'hold' | 'sell'> = { 买入: 'buy', 持有: 'hold', 卖出: 'sell', buy: 'buy', hold: 'hold', sell: 'sell' }

export function ratingKey(value: unknown): 'buy' | 'hold' | 'sell' | null {
  return typeof value === 'string' ? RATINGS[value] ?? null : null
}

/** Element Plus tag type per rating: success for buy, warning for hold, danger for sell. */
export const RATING_TAG = { buy: 'success', hold: 'warning', sell: 'danger' } as const

/** `+1.23%` / `−1.12%` in the locale's digits and separators (the sign always shown). */
export function formatChangePercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100)
}

export function formatNumber(value: number, locale: string, fractionDigits?: number): string {
  return new Intl.NumberFormat(locale, fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value)
}
