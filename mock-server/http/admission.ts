// Admission control for bursts: a server restarting under thousands of open tabs gets every handshake
// and resync at once. Without it one turn of the event loop ran them all back to back (stalls of
// seconds), attempts waited past the client's open timeout, were abandoned and came back, and the
// server did the same work twice. Here work that arrives once the current turn has spent its budget
// waits in a queue that later turns serve in order, a budget per turn; and once the queue holds more
// work than `maxQueueMs`, a REST newcomer is refused at once (503 with a jittered Retry-After, which the
// client's resync retry honours): a quick "not now" costs less than an expensive resync. Handshakes are
// only queued (see AdmissionJob.refuse); one whose client hung up while it waited is skipped.

export interface AdmissionOptions {
  /** Work one event-loop turn may run before further arrivals wait for a later turn (ms). */
  turnBudgetMs: number
  /** Estimated work waiting in the queue past which newcomers are refused (ms). */
  maxQueueMs: number
  /** Random source of the Retry-After spread (tests pin it). @default Math.random */
  random?: () => number
}

export interface AdmissionJob {
  /** Does the work; a returned promise is awaited while it settles within the turn. */
  run: () => unknown
  /**
   * Turns the client away for now, asking it to come back after this many seconds. Without it the job
   * is never turned away, only queued (a socket handshake: refusing one costs about what serving it
   * does, and each refusal lengthens the client's backoff).
   */
  refuse?: (retryAfterSec: number) => void
  /** The client is gone while its job waited: skipped. */
  gone: () => boolean
  /**
   * How long this client waits before it gives up (ms): with `refuse`, a job whose estimated or actual
   * wait passes it is refused rather than served to nobody. @default the gate's `maxQueueMs`
   */
  patienceMs?: number
}

export interface Admission {
  /** Runs the job now, in a later turn, or refuses it. */
  admit: (job: AdmissionJob) => void
  /** Jobs waiting for a turn. */
  waiting: () => number
}

/** The longest Retry-After asked before its jitter (s): a refused resync comes back within a few seconds. */
const MAX_RETRY_AFTER_SEC = 2
/** Wall time per queued job served, assumed until a drain has been measured (ms). */
const FIRST_ESTIMATE_MS = 1
/** Weight of the newest drain in the running estimate. */
const ESTIMATE_WEIGHT = 0.3

function nextTurn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

/** The job's run, settled whatever its outcome (its own handler reports failures). */
async function runSettled(job: AdmissionJob): Promise<void> {
  try {
    await job.run()
  }
  catch {}
}

export function createAdmission(options: AdmissionOptions): Admission {
  const random = options.random ?? Math.random
  const queue: Array<{ job: AdmissionJob, at: number }> = []
  let head = 0
  /** When the current turn started spending (null: nothing ran yet in this turn). */
  let turnStartedAt: number | null = null
  /**
   * One end of turn at a time: each arrival opening a turn while the queue is long must not add a drain
   * of its own, or every turn of a storm ran one drain more than the last (100-190 ms of drains a turn).
   */
  let turnEndScheduled = false
  let draining = false
  /**
   * Wall time per queued job served, from one drain's start to the next: what the job cost plus its
   * share of everything else the server did meanwhile (accepting, parsing, refusing), so a queue of n
   * waits about n times this. A job's own cost alone underestimated the wait several times over.
   */
  let msPerJob = FIRST_ESTIMATE_MS
  /** The previous drain: when it started and how many jobs it served. */
  let lastDrain: { at: number, served: number } | null = null

  const waiting = () => queue.length - head

  /** Time spent in this turn so far; the first call of a turn opens it and marks its end. */
  function spentThisTurn(): number {
    if (turnStartedAt === null) {
      turnStartedAt = performance.now()
      scheduleTurnEnd()
    }
    return performance.now() - turnStartedAt
  }

  function scheduleTurnEnd(): void {
    if (turnEndScheduled)
      return
    turnEndScheduled = true
    setImmediate(endTurn)
  }

  function endTurn(): void {
    turnEndScheduled = false
    turnStartedAt = null
    if (waiting() > 0 && !draining)
      void drain()
  }

  function take(): { job: AdmissionJob, at: number } {
    const entry = queue[head]!
    queue[head++] = undefined as unknown as { job: AdmissionJob, at: number }
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head)
      head = 0
    }
    return entry
  }

  /** Serves the queue for one turn's budget (at least one job), then leaves the rest to the next turn. */
  async function drain(): Promise<void> {
    draining = true
    const start = performance.now()
    turnStartedAt = start
    if (lastDrain && lastDrain.served > 0)
      msPerJob += ((start - lastDrain.at) / lastDrain.served - msPerJob) * ESTIMATE_WEIGHT
    let served = 0
    do {
      const { job, at } = take()
      if (job.gone())
        continue
      if (job.refuse && job.patienceMs !== undefined && performance.now() - at > job.patienceMs) {
        // The estimate was short: the client is about to give up, so the work would be for nobody.
        job.refuse(retryAfterSec(0))
        continue
      }
      served++
      // A job that waits on real I/O (another database, Redis) finishes in its own time: the queue goes on.
      await Promise.race([runSettled(job), nextTurn()])
    } while (waiting() > 0 && performance.now() - start < options.turnBudgetMs)
    draining = false
    turnStartedAt = null
    // Only back-to-back drains measure the rate; after an idle spell the next one starts afresh.
    lastDrain = waiting() > 0 ? { at: start, served } : null
    if (waiting() > 0)
      scheduleTurnEnd()
  }

  /**
   * Come back once the queue may have drained, spread over as long again so the refused do not return
   * together. Capped: longer waits cost the storm more time than the retries they saved.
   */
  function retryAfterSec(queuedMs: number): number {
    const seconds = Math.min(MAX_RETRY_AFTER_SEC, Math.max(1, Math.ceil(queuedMs / 1000)))
    return seconds + Math.floor(random() * (seconds + 1))
  }

  function admit(job: AdmissionJob): void {
    if (waiting() === 0 && !draining && spentThisTurn() < options.turnBudgetMs) {
      job.run()
      return
    }
    const queuedMs = waiting() * msPerJob
    if (job.refuse && queuedMs > (job.patienceMs ?? options.maxQueueMs)) {
      job.refuse(retryAfterSec(queuedMs))
      return
    }
    queue.push({ job, at: performance.now() })
    if (!draining)
      spentThisTurn() // makes sure this turn's end is marked, which starts the drain
  }

  return { admit, waiting }
}
