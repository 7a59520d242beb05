// Where and how a run happened, printed at the top of the report.
import { execSync } from 'node:child_process'
import { cpus, loadavg, release, totalmem, type } from 'node:os'

export interface Machine {
  date: string
  cpu: string
  cores: number
  memoryGb: number
  os: string
  node: string
  /** Open-file limit the run had (each connection is a file descriptor on both ends). */
  openFileLimit: number
  loadAtStart: number[]
  loadAtEnd: number[] | null
}

export function openFileLimit(): number {
  try {
    return Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim())
  }
  catch {
    return Number.NaN
  }
}

export function describeMachine(): Machine {
  const processors = cpus()
  return {
    date: new Date().toISOString(),
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.version,
    openFileLimit: openFileLimit(),
    loadAtStart: loadavg(),
    loadAtEnd: null,
  }
}
