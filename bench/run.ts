// `npm run bench`: runs the sections (fanout, connect, churn, storm, ingest, inbox, browser, bundle), prints every table and
// ratio, saves the raw results under bench/.results/, and for a full run updates BENCHMARKS.md.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../tests/e2e/support/browser'
import { BUILD_DIR, buildApp, startAppServer, type AppServer } from './browser/app'
import { runBrowser } from './browser/run-browser'
import { runLibraryBundle } from './bundle/library'
import { runBundle } from './bundle/run-bundle'
import { runChurn } from './churn/run-churn'
import { runConnectRate } from './connect/run-connect'
import { PROFILE_DIR } from './fanout/target'
import { runFanout } from './fanout/run-fanout'
import type { TargetId } from './fanout/targets/types'
import { runInbox } from './inbox/run-inbox'
import { runStorm } from './storm/run-storm'
import { runIngest } from './ingest/run-ingest'
import { parseArgs, SECTIONS, type BenchArgs } from './lib/args'
import { describeMachine } from './lib/machine'
import { hotFunctions, mainThreadProfile } from './lib/profile-summary'
import type { RunResults } from './report/budgets'
import { renderReport, REPORT_FILE, writeReport, type ReportInput } from './report/document'
import { pageProfileTables, profileTable } from './report/tables'

const log = (line: string) => console.error(line)

function settingsFor(args: BenchArgs) {
  const quick = args.quick
  return {
    fanout: {
      sizes: args.sizes ?? (quick ? [500] : [1000, 5000, 10_000]),
      targets: ['tidings', 'bare-ws', 'socket.io'] as const,
      rounds: quick ? 3 : 10,
      sustainRate: 100,
      sustainSec: args.sustainSec ?? (quick ? 2 : 10),
      // At 10,000 sockets, 100 broadcasts/s is a million frames a second: more than two cores deliver,
      // so the backlog is given time to drain and what arrived is reported.
      drainTimeoutSec: quick ? 30 : 240,
      perWorker: 2500,
      concurrency: 64,
      profile: args.profile,
    },
    // Ours, the connect floor and bare ws, interleaved round by round (bench/connect/run-connect.ts).
    connect: { clients: quick ? 500 : 10_000, rounds: quick ? 3 : 5, targets: ['tidings', 'connect-floor', 'bare-ws'] as TargetId[], perWorker: 2500, concurrency: 64 },
    churn: { peak: quick ? 500 : 5000, waves: 3, sseShare: 0.4, perWorker: 2500, concurrency: 64 },
    // The server stays down 3 s (clients back off past their first attempts); the last clients get a
    // minute (quick: 20 s, to keep the quick run short).
    storm: { clients: args.stormClients ?? (quick ? 300 : 10_000), perWorker: 2500, concurrency: 64, downMs: 3000, timeoutMs: quick ? 20_000 : 60_000, profile: args.profile },
    ingest: { count: quick ? 2000 : 10_000, storeRepeats: quick ? 5 : 15, patternRepeats: 1 },
    // The size the issue names, in quick mode too: fewer requests per query only.
    inbox: { perUser: 100_000, requests: quick ? 20 : 200 },
    browser: { pushes: 1000, overMs: 1000 },
  }
}

const LAST_FULL_RUN = 'bench/.results/last-full.json'

interface StoredRun extends Omit<ReportInput, 'quick'> {
  /** Sections measured again after the full run, newest last. */
  remeasured?: string[]
}

/**
 * A partial run written to the report: its sections replace those of the last full run (kept, with
 * every re-measure so far, in bench/.results/last-full.json), and the report says which figures come
 * from which run.
 */
function mergedWithLastFullRun(partial: string, run: Omit<ReportInput, 'quick'>): string {
  if (!existsSync(LAST_FULL_RUN))
    return partial
  const full = JSON.parse(readFileSync(LAST_FULL_RUN, 'utf8')) as StoredRun
  const line = `**${Object.keys(run.results).join(', ')}** on ${run.machine.date} with \`${run.command}\` (load average at start ${run.machine.loadAtStart.map(value => value.toFixed(2)).join(' / ')})`
  const merged: StoredRun = {
    ...full,
    results: { ...full.results, ...run.results },
    remeasured: [...(full.remeasured ?? []), line],
  }
  writeFileSync(LAST_FULL_RUN, JSON.stringify(merged, null, 1))
  return renderReport({
    machine: merged.machine,
    command: merged.command,
    quick: false,
    results: merged.results,
    notes: [
      `Re-measured after the full run (every other section is from the full run above): ${merged.remeasured!.join('; ')}.`,
      ...run.notes,
      ...merged.notes.filter(note => !note.startsWith('Section **')),
    ],
  })
}

function checkFileLimit(machine: ReturnType<typeof describeMachine>, largest: number): void {
  // Each process holds one end of each connection; the server holds them all.
  if (Number.isFinite(machine.openFileLimit) && machine.openFileLimit < largest + 1000)
    throw new Error(`open-file limit is ${machine.openFileLimit}, too low for ${largest} connections: run through \`npm run bench\` (it raises it) or \`ulimit -n ${largest + 5000}\``)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const settings = settingsFor(args)
  const machine = describeMachine()
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
  const wants = (section: BenchArgs['sections'][number]) => args.sections.includes(section)
  if (wants('fanout') || wants('connect') || wants('churn') || wants('storm'))
    checkFileLimit(machine, Math.max(...settings.fanout.sizes, settings.connect.clients, settings.churn.peak, settings.storm.clients))
  log(`bench: ${args.quick ? 'quick' : 'full-size'} run of ${args.sections.join(', ')} (load average ${machine.loadAtStart.map(value => value.toFixed(2)).join(' ')})`)

  if (args.profile)
    rmSync(PROFILE_DIR, { recursive: true, force: true }) // only this run's profiles are summarised
  const results: RunResults = {}
  const notes: string[] = []
  const started = performance.now()

  // A section that fails is reported and the others still run.
  async function section(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body()
    }
    catch (error) {
      log(`${name}: FAILED ${(error as Error).stack ?? error}`)
      notes.push(`Section **${name}** failed in this run: \`${(error as Error).message.split('\n')[0]}\``)
    }
  }

  if (wants('fanout')) {
    await section('fanout', async () => {
      results.fanout = await runFanout({ ...settings.fanout, targets: [...settings.fanout.targets] }, log)
    })
  }
  if (wants('connect')) {
    await section('connect', async () => {
      log(`connect: ${settings.connect.targets.join(', ')}, ${settings.connect.clients} clients each, ${settings.connect.rounds} interleaved rounds`)
      results.connect = await runConnectRate(settings.connect, log)
    })
  }
  if (wants('churn')) {
    await section('churn', async () => {
      log('churn: our server, WebSocket and SSE mixed')
      results.churn = await runChurn(settings.churn, log)
    })
  }
  if (wants('storm')) {
    await section('storm', async () => {
      results.storm = await runStorm(settings.storm, log)
    })
  }
  if (wants('ingest')) {
    await section('ingest', async () => {
      log(`ingest: ${settings.ingest.count} pushed notifications into the store vs the document's pattern`)
      results.ingest = await runIngest(settings.ingest, log)
    })
  }
  if (wants('inbox')) {
    await section('inbox', async () => {
      results.inbox = await runInbox(settings.inbox, log)
    })
  }
  if (wants('bundle')) {
    await section('bundle: library', async () => {
      log('bundle: tidings + tidings/vue and the Element Plus bell, as a consumer bundles them')
      results.library = await runLibraryBundle()
    })
  }
  if (wants('browser') || wants('bundle')) {
    await section('browser/bundle', async () => {
      log(`build: vite build into ${BUILD_DIR}`)
      const buildMs = await buildApp()
      let app: AppServer | null = null
      let browser: Browser | null = null
      try {
        app = await startAppServer()
        browser = await launchBrowser()
        const [server, chromium] = [app, browser]
        if (wants('bundle')) {
          await section('bundle', async () => {
            log('bundle: scripts loaded by /login and /notifications')
            results.bundle = await runBundle(chromium, server, buildMs)
          })
        }
        if (wants('browser')) {
          await section('browser', async () => {
            log(`browser: ${settings.browser.pushes} pushes in ${settings.browser.overMs} ms with the list and the bell open`)
            results.browser = await runBrowser(chromium, server, settings.browser)
            if (args.profile) {
              log('browser: the same burst again (to user2) under the CPU profiler')
              const profiled = await runBrowser(chromium, server, { ...settings.browser, profile: true, user: 'user2' })
              notes.push(pageProfileTables(profiled))
            }
          })
        }
      }
      finally {
        await browser?.close()
        await app?.stop()
        rmSync(BUILD_DIR, { recursive: true, force: true })
      }
    })
  }

  if (args.profile && existsSync(PROFILE_DIR)) {
    for (const name of readdirSync(PROFILE_DIR).sort()) {
      const file = mainThreadProfile(join(PROFILE_DIR, name))
      if (file)
        notes.push(profileTable(name, hotFunctions(file, 12)))
    }
  }

  machine.loadAtEnd = loadavg()
  const busiest = Math.max(machine.loadAtStart[0], machine.loadAtEnd[0])
  if (busiest > machine.cores * 0.75)
    notes.unshift(`The machine was busy during this run (1-minute load average up to ${busiest.toFixed(1)} on ${machine.cores} cores, from other work): absolute figures are pessimistic; the ratios, measured side by side, hold better.`)
  const markdown = renderReport({ machine, command, quick: args.quick, results, notes })
  console.log(`\n${markdown}\n`)
  mkdirSync('bench/.results', { recursive: true })
  const raw = JSON.stringify({ machine, command, settings, results, notes }, null, 1)
  writeFileSync(`bench/.results/${machine.date.replace(/[:.]/g, '-')}.json`, raw)
  writeFileSync('bench/.results/latest.json', raw)
  const complete = !args.quick && args.sections.length === SECTIONS.length
  if (complete)
    writeFileSync(LAST_FULL_RUN, raw)
  if (args.write) {
    writeReport(complete || args.quick ? markdown : mergedWithLastFullRun(markdown, { machine, command, results, notes }))
    log(`bench: ${REPORT_FILE} updated`)
  }
  log(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench: ${error.stack ?? error.message}`)
    process.exit(1)
  },
)
