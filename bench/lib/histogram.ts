// A log-bucketed latency histogram (about 1% resolution from 1 µs to minutes) that load workers fill
// and send to the orchestrator as plain JSON; merging is adding counts, so percentiles over 10,000
// clients in four processes cost a few kilobytes of IPC instead of every sample.

/** Bucket growth factor: a reported percentile is within 1% of the true sample. */
const GROWTH = 1.01
const LOG_GROWTH = Math.log(GROWTH)

export interface HistogramData {
  /** bucket index → count */
  counts: Record<number, number>
  total: number
  minUs: number
  maxUs: number
  sumUs: number
}

export class LatencyHistogram {
  private counts = new Map<number, number>()
  total = 0
  minUs = Number.POSITIVE_INFINITY
  maxUs = 0
  sumUs = 0

  /** Records one latency in microseconds (values below 1 µs count as 1 µs). */
  record(us: number): void {
    const value = us < 1 ? 1 : us
    const index = Math.floor(Math.log(value) / LOG_GROWTH)
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1)
    this.total++
    this.sumUs += value
    if (value < this.minUs)
      this.minUs = value
    if (value > this.maxUs)
      this.maxUs = value
  }

  merge(other: HistogramData): this {
    for (const [key, count] of Object.entries(other.counts)) {
      const index = Number(key)
      this.counts.set(index, (this.counts.get(index) ?? 0) + count)
    }
    this.total += other.total
    this.sumUs += other.sumUs
    if (other.total > 0) {
      this.minUs = Math.min(this.minUs, other.minUs)
      this.maxUs = Math.max(this.maxUs, other.maxUs)
    }
    return this
  }

  /** The latency (µs) at or below which `fraction` of the samples fall; NaN when empty. */
  percentileUs(fraction: number): number {
    if (this.total === 0)
      return Number.NaN
    const rank = Math.max(1, Math.ceil(fraction * this.total))
    let seen = 0
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index)!
      if (seen >= rank) {
        // Upper edge of the bucket, clamped to what was really observed.
        return Math.min(this.maxUs, Math.max(this.minUs, GROWTH ** (index + 1)))
      }
    }
    return this.maxUs
  }

  toJSON(): HistogramData {
    return {
      counts: Object.fromEntries(this.counts),
      total: this.total,
      minUs: this.total ? this.minUs : 0,
      maxUs: this.maxUs,
      sumUs: this.sumUs,
    }
  }

  static from(data: HistogramData): LatencyHistogram {
    return new LatencyHistogram().merge(data)
  }
}

/** p50/p95/p99/max in milliseconds, the shape every latency row of the report uses. */
export interface LatencySummary {
  samples: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
}

export function summarize(histogram: LatencyHistogram): LatencySummary {
  return {
    samples: histogram.total,
    p50Ms: histogram.percentileUs(0.5) / 1000,
    p95Ms: histogram.percentileUs(0.95) / 1000,
    p99Ms: histogram.percentileUs(0.99) / 1000,
    maxMs: histogram.maxUs / 1000,
    meanMs: histogram.total ? histogram.sumUs / histogram.total / 1000 : Number.NaN,
  }
}
