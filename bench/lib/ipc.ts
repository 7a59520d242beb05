// Request/response over the IPC channel of a forked child: the orchestrator calls `child.call('connect',
// {...})`, the child's handler answers. Every benchmark process (servers under test, load workers) is a
// child of this kind, so each one's heap and CPU are measured alone.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

interface Request { id: number, cmd: string, args: unknown }
interface Response { id: number, ok: boolean, result?: unknown, error?: string }

export type Handlers = Record<string, (args: never) => unknown>

export interface ChildOptions {
  /** Extra node flags (e.g. --cpu-prof). --import tsx and --expose-gc are always given. */
  execArgv?: string[]
  /** Command-line arguments of the child script. */
  args?: string[]
  env?: Record<string, string>
}

export class BenchChild {
  private nextId = 1
  private pending = new Map<number, { resolve: (value: unknown) => void, reject: (error: Error) => void }>()
  private exited = false
  private readyWaiter: { resolve: () => void, reject: (error: Error) => void } | null = null
  /** Resolves when the child has called signalReady() (its handlers are listening). */
  readonly ready: Promise<void>

  private constructor(readonly name: string, readonly process: ChildProcess) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.readyWaiter = { resolve, reject }
    })
    this.ready.catch(() => {})
    process.on('message', (message: Response) => {
      if (message.id === 0) {
        this.readyWaiter?.resolve()
        return
      }
      const waiter = this.pending.get(message.id)
      if (!waiter)
        return
      this.pending.delete(message.id)
      if (message.ok)
        waiter.resolve(message.result)
      else
        waiter.reject(new Error(`${name}: ${message.error}`))
    })
    process.on('exit', (code, signal) => {
      this.exited = true
      this.readyWaiter?.reject(new Error(`${name} exited before it was ready (code ${code})`))
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`${name} exited (code ${code}, signal ${signal})`))
      this.pending.clear()
    })
  }

  /** Forks `script` (a path relative to bench/, or absolute) under tsx. */
  static start(name: string, script: URL, options: ChildOptions = {}): BenchChild {
    const child = fork(fileURLToPath(script), options.args ?? [], {
      execArgv: ['--import', 'tsx', '--expose-gc', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...options.env },
    })
    return new BenchChild(name, child)
  }

  call<T>(cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
    if (this.exited)
      return Promise.reject(new Error(`${this.name} has exited`))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${this.name}: '${cmd}' got no answer in ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.process.send({ id, cmd, args } satisfies Request)
    })
  }

  /** Asks the child to exit (it may flush a CPU profile), killing it if it does not within 10 s. */
  async stop(): Promise<void> {
    if (this.exited)
      return
    const exited = new Promise<void>(resolve => this.process.once('exit', () => resolve()))
    this.call('exit', {}, 5000).catch(() => {})
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}

/** In a child: answers the orchestrator's calls with these handlers (plus `exit`). */
export function serve(handlers: Handlers): void {
  process.on('message', async (message: Request) => {
    if (message.cmd === 'exit') {
      process.send?.({ id: message.id, ok: true } satisfies Response)
      // process.exit() still writes a --cpu-prof profile.
      setTimeout(() => process.exit(0), 50)
      return
    }
    const handler = handlers[message.cmd] as ((args: unknown) => unknown) | undefined
    try {
      if (!handler)
        throw new Error(`unknown command ${message.cmd}`)
      const result = await handler(message.args)
      process.send?.({ id: message.id, ok: true, result } satisfies Response)
    }
    catch (error) {
      process.send?.({ id: message.id, ok: false, error: (error as Error).stack ?? String(error) } satisfies Response)
    }
  })
  // The orchestrator died: do not linger holding thousands of sockets.
  process.on('disconnect', () => process.exit(0))
  process.send?.({ id: 0, ok: true } satisfies Response)
}
