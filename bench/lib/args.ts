// Command-line flags of `npm run bench`.

export const SECTIONS = ['fanout', 'connect', 'churn', 'storm', 'ingest', 'inbox', 'browser', 'bundle'] as const
export type Section = (typeof SECTIONS)[number]

export interface BenchArgs {
  /** Small sizes and short phases: the whole run in under two minutes. */
  quick: boolean
  sections: Section[]
  /** Override the fan-out sizes (e.g. --sizes=1000,5000). */
  sizes: number[] | null
  /** Reconnect-storm clients; null: the mode's default. */
  stormClients: number | null
  /** Sustained-phase length in seconds (0 skips it); null: the mode's default. */
  sustainSec: number | null
  /** Record CPU profiles of the server processes under bench/.profiles/. */
  profile: boolean
  /** Write BENCHMARKS.md (default: on for a full run of every section, off otherwise). */
  write: boolean
}

export const USAGE = `npm run bench [-- options]
  --quick            small sizes and short phases (under two minutes)
  --only=a,b         sections to run: ${SECTIONS.join(', ')}
  --sizes=n,m        fan-out connection counts (default 1000,5000,10000; quick 500)
  --storm=n          reconnect-storm clients (default 10000; quick 300)
  --sustain=s        length of the sustained 100 broadcasts/s phase (default 10; quick 2; 0 skips it)
  --profile          write V8 CPU profiles of the servers to bench/.profiles/ and summarise them
  --write / --no-write   update BENCHMARKS.md (default: only for a full run of every section)`

export function parseArgs(argv: string[]): BenchArgs {
  let quick = false
  let sections: Section[] = [...SECTIONS]
  let sizes: number[] | null = null
  let sustainSec: number | null = null
  let stormClients: number | null = null
  let profile = false
  let write: boolean | null = null
  for (const arg of argv) {
    const [flag, value = ''] = arg.split('=', 2)
    if (flag === '--quick') {
      quick = true
    }
    else if (flag === '--only') {
      const wanted = value.split(',').map(item => item.trim()).filter(Boolean)
      const unknown = wanted.filter(item => !(SECTIONS as readonly string[]).includes(item))
      if (unknown.length || wanted.length === 0)
        throw new Error(`--only takes sections among ${SECTIONS.join(', ')}; got "${value}"`)
      sections = wanted as Section[]
    }
    else if (flag === '--sizes') {
      sizes = value.split(',').map(Number)
      if (sizes.length === 0 || sizes.some(size => !Number.isInteger(size) || size <= 0))
        throw new Error(`--sizes takes positive whole numbers like 1000,5000; got "${value}"`)
    }
    else if (flag === '--storm') {
      stormClients = Number(value)
      if (!Number.isInteger(stormClients) || stormClients <= 0)
        throw new Error(`--storm takes a positive whole number of clients; got "${value}"`)
    }
    else if (flag === '--sustain') {
      sustainSec = Number(value)
      if (value === '' || !Number.isFinite(sustainSec) || sustainSec < 0)
        throw new Error(`--sustain takes a number of seconds (0 skips the phase); got "${value}"`)
    }
    else if (flag === '--profile') {
      profile = true
    }
    else if (flag === '--write') {
      write = true
    }
    else if (flag === '--no-write') {
      write = false
    }
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE)
      process.exit(0)
    }
    else {
      throw new Error(`unknown option ${arg}\n${USAGE}`)
    }
  }
  return { quick, sections, sizes, sustainSec, stormClients, profile, write: write ?? (!quick && sections.length === SECTIONS.length) }
}
