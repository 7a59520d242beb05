// The admission gate alone (mock-server/http/admission.ts), on the real event loop: which jobs run in
// the turn they arrive in, which wait for a later turn, which are turned away. Jobs that busy-wait make
// "this turn has spent its budget" hold however fast the machine is (the check is "at least", never "within").
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { createAdmission, type AdmissionJob } from '../../mock-server/http/admission'

function busy(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spinning: this job's work
  }
}

function job(log: string[], name: string, options: { costMs?: number, gone?: boolean, refusable?: boolean, patienceMs?: number } = {}): AdmissionJob {
  return {
    patienceMs: options.patienceMs,
    run: () => {
      busy(options.costMs ?? 0)
      log.push(name)
    },
    ...(options.refusable === false ? {} : { refuse: (seconds: number) => log.push(`${name} refused, back in ${seconds} s`) }),
    gone: () => options.gone ?? false,
  }
}

async function turns(count: number): Promise<void> {
  for (let index = 0; index < count; index++)
    await nextTurn()
}

describe('the admission gate', () => {
  test('runs arrivals at once until the turn has spent its budget, and the rest, in order, in later turns', async () => {
    // b spends the whole budget: c and d must wait, whatever else slowed this turn down.
    const admission = createAdmission({ turnBudgetMs: 200, maxQueueMs: 60_000 })
    const log: string[] = []
    admission.admit(job(log, 'a'))
    admission.admit(job(log, 'b', { costMs: 200 }))
    admission.admit(job(log, 'c'))
    admission.admit(job(log, 'd'))
    expect(log).toEqual(['a', 'b'])
    expect(admission.waiting()).toBe(2)
    await turns(5)
    expect(log).toEqual(['a', 'b', 'c', 'd'])
  })

  test('serves a long queue one budget a turn, however many newcomers arrive while it waits', async () => {
    // A restart's storm: the queue stays long for many turns and newcomers keep arriving in each. Jobs
    // of at least 4 ms against a 10 ms budget: one turn starts at most 3 of them, on any machine.
    const admission = createAdmission({ turnBudgetMs: 10, maxQueueMs: 60_000 })
    const startedPerTurn = new Map<number, number>()
    let turn = 0
    let served = 0
    const costly = (): AdmissionJob => ({
      run: () => {
        startedPerTurn.set(turn, (startedPerTurn.get(turn) ?? 0) + 1)
        busy(4)
        served++
      },
      gone: () => false,
    })
    for (let index = 0; index < 30; index++)
      admission.admit(costly())
    // A timer fires once in every turn that outlasts its 1 ms (each turn here runs a 4 ms job): it
    // numbers the turns and brings two newcomers in each of the first ten.
    const ticker = setInterval(() => {
      turn++
      if (turn <= 10) {
        admission.admit(costly())
        admission.admit(costly())
      }
    }, 1)
    try {
      while (served < 50)
        await turns(1)
    }
    finally {
      clearInterval(ticker)
    }
    // Turn 0 is the one the first 30 arrived in: it ran jobs at once and then served the queue once.
    startedPerTurn.delete(0)
    expect(Math.max(...startedPerTurn.values())).toBeLessThanOrEqual(3)
  })

  test('turns a refusable newcomer away with a Retry-After of 1 to 4 s once the queue is full, and only queues the others', async () => {
    const admission = createAdmission({ turnBudgetMs: 0, maxQueueMs: 0, random: () => 0.99 })
    const log: string[] = []
    admission.admit(job(log, 'first'))
    admission.admit(job(log, 'second'))
    admission.admit(job(log, 'handshake', { refusable: false }))
    expect(log).toEqual(['second refused, back in 2 s'])
    await turns(5)
    expect(log).toEqual(['second refused, back in 2 s', 'first', 'handshake'])
  })

  test('skips a queued job whose client hung up while it waited', async () => {
    const admission = createAdmission({ turnBudgetMs: 0, maxQueueMs: 60_000 })
    const log: string[] = []
    admission.admit(job(log, 'gone', { gone: true }))
    admission.admit(job(log, 'still there'))
    await turns(5)
    expect(log).toEqual(['still there'])
  })

  test('refuses a job that waited past its client\'s patience when its turn comes, instead of serving nobody', async () => {
    const admission = createAdmission({ turnBudgetMs: 0, maxQueueMs: 60_000, random: () => 0 })
    const log: string[] = []
    admission.admit(job(log, 'impatient', { patienceMs: 0 }))
    admission.admit(job(log, 'patient'))
    await turns(5)
    expect(log).toEqual(['impatient refused, back in 1 s', 'patient'])
  })
})
