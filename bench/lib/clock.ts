// The one clock every process of a run shares: process.hrtime reads CLOCK_MONOTONIC, which is the same
// counter for all processes on a Linux machine. The publisher writes it into the payload, the receiving
// worker subtracts it from its own reading: one clock, no skew, sub-microsecond resolution.

/** Monotonic nanoseconds as a decimal string (what goes into a payload). */
export function stampNow(): string {
  return process.hrtime.bigint().toString()
}

/** Microseconds elapsed since a stamp made by stampNow() in any process on this machine. */
export function microsSince(stamp: string): number {
  return Number(process.hrtime.bigint() - BigInt(stamp)) / 1000
}

/** Milliseconds from a monotonic start (for durations inside one process). */
export function msSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

/** Resolves when `condition` holds, polling; rejects with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}
