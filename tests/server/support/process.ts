// Runs the server's entry points as child processes, the way `npm run server` and `npm run notify` do.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

export interface ServerChild {
  child: ChildProcess
  url: string
  /** Resolves when the process has exited. */
  exited: Promise<Finished>
  /** Everything printed so far. */
  output: () => Finished
}

function collect(child: ChildProcess): { exited: Promise<Finished>, output: () => Finished } {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk))
  const exited = new Promise<Finished>(resolve => child.on('exit', code => resolve({ code, stdout, stderr })))
  return { exited, output: () => ({ code: child.exitCode, stdout, stderr }) }
}

/**
 * Runs a TypeScript entry under tsx to completion. One still running after `killAfterMs` (a server that
 * started when it should have refused) is killed, so it cannot outlive the test; its code is then null.
 * An `undefined` in `env` removes that variable from the inherited environment.
 */
export function runScript(entry: string, args: string[] = [], env: Record<string, string | undefined> = {}, killAfterMs = 10_000): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
  const deadline = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  const { exited } = collect(child)
  return exited.finally(() => clearTimeout(deadline))
}

/** Starts mock-server/main.ts on a free port and resolves once it logs its URL. */
export function startServerProcess(env: Record<string, string>): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
  })
  const { exited, output } = collect(child)
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output().stdout)
      if (match) {
        child.stdout?.off('data', onData)
        resolve({ child, url: match[1], exited, output })
      }
    }
    child.stdout?.on('data', onData)
    void exited.then(result => reject(new Error(`server exited early (${result.code}): ${result.stderr}`)))
  })
}
