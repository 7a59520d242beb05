// Plain-text helpers for the report: markdown tables that also read well in a terminal.

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map(row => row.map(String))
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map(row => (row[column] ?? '').length)))
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`
  return [line(headers), `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n')
}

export function ms(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a'
}

export function bytes(value: number): string {
  if (!Number.isFinite(value))
    return 'n/a'
  const sign = value < 0 ? '-' : ''
  const size = Math.abs(value)
  if (size < 1024)
    return `${sign}${size.toFixed(0)} B`
  if (size < 1024 * 1024)
    return `${sign}${(size / 1024).toFixed(2)} KB`
  return `${sign}${(size / 1024 / 1024).toFixed(1)} MB`
}

export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a'
}

export function ratio(ours: number, theirs: number): string {
  return Number.isFinite(ours) && Number.isFinite(theirs) && theirs !== 0 ? `${(ours / theirs).toFixed(2)}x` : 'n/a'
}

export function percent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : 'n/a'
}

/** ✅ / ❌ with the measured figure, for budget lines. */
export function verdict(pass: boolean | null): string {
  return pass === null ? 'not measured' : pass ? 'PASS' : 'FAIL'
}
