// The orchestrator's handle on one server under test running in its own process.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { waitUntil } from '../lib/clock'
import { BenchChild } from '../lib/ipc'
import type { MemoryReading } from '../lib/memory'
import { Publisher } from './publisher'
import type { ClientKind, Endpoint, TargetId } from './targets/types'

export const TARGET_LABELS: Record<TargetId, string> = {
  'tidings': 'Tidings (ours)',
  'bare-ws': 'bare ws (floor)',
  'socket.io': 'Socket.IO 4.8',
  'connect-floor': 'bare ws + the protocol\'s connect duties',
}

export const CLIENT_KIND: Record<TargetId, ClientKind> = {
  'tidings': 'tidings',
  'bare-ws': 'ws',
  'socket.io': 'socket.io',
  'connect-floor': 'tidings',
}

const SCRIPT = new URL('./target-process.ts', import.meta.url)
export const PROFILE_DIR = 'bench/.profiles'

export interface TargetInfo {
  port: number
  endpoints: Endpoint[]
  publishPath: string
  publishToken: string | null
}

export class TargetHandle {
  readonly publisher: Publisher

  private constructor(readonly id: TargetId, readonly child: BenchChild, readonly info: TargetInfo) {
    this.publisher = new Publisher(info)
  }

  /** Starts the server in its own process; `profileName` records a V8 CPU profile under bench/.profiles. */
  static async start(id: TargetId, profileName?: string, env: Record<string, string> = {}): Promise<TargetHandle> {
    const execArgv: string[] = []
    if (profileName) {
      // One folder per server: tsx's loader thread writes a profile of its own beside the main thread's.
      const dir = join(PROFILE_DIR, profileName)
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`)
    }
    const child = BenchChild.start(`target-${id}`, SCRIPT, { args: [id], execArgv, env })
    await child.ready
    const info = await child.call<TargetInfo>('info')
    return new TargetHandle(id, child, info)
  }

  get clientKind(): ClientKind {
    return CLIENT_KIND[this.id]
  }

  connections(): Promise<number> {
    return this.child.call<number>('connections')
  }

  /** Waits until the server itself counts `expected` sockets. */
  async waitForConnections(expected: number, timeoutMs = 60_000): Promise<void> {
    await waitUntil(async () => (await this.connections()) === expected, timeoutMs, `${this.id} to hold ${expected} sockets`, 100)
  }

  memory(): Promise<MemoryReading> {
    return this.child.call<MemoryReading>('memory')
  }

  async cpuSeconds(): Promise<number> {
    const usage = await this.child.call<NodeJS.CpuUsage>('cpu')
    return (usage.user + usage.system) / 1e6
  }

  async stop(): Promise<void> {
    this.publisher.close()
    await this.child.call('close', {}, 30_000).catch(() => {})
    await this.child.stop()
  }
}
