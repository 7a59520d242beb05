// Runs Debian's nginx with deploy/nginx.conf in front of a Tidings server, from a private prefix folder,
// so tests and developers can try the document's proxy setup without touching /etc/nginx.
//   npx tsx deploy/nginx.ts --backend 127.0.0.1:8000 --port 8080
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface NginxOptions {
  /** `host:port` of the Tidings server nginx forwards to. */
  backend: string
  /** Port nginx listens on (127.0.0.1). @default a free port */
  port?: number
  /** nginx binary. @default '/usr/sbin/nginx' */
  binary?: string
}

export interface RunningNginx {
  url: string
  port: number
  stop: () => Promise<void>
}

const templatePath = join(dirname(fileURLToPath(import.meta.url)), 'nginx.conf')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with code ${child.exitCode}`)
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) })
      return
    }
    catch {
      await new Promise(resolve => setTimeout(resolve, 50))
    }
  }
  throw new Error(`nginx did not answer on port ${port} within ${timeoutMs} ms`)
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const binary = options.binary ?? '/usr/sbin/nginx'
  if (!existsSync(binary))
    throw new Error(`nginx not found at ${binary}: apt-get install -y nginx`)
  const port = options.port ?? await freePort()
  const prefix = mkdtempSync(join(tmpdir(), 'tidings-nginx-'))
  // nginx workers drop to an unprivileged user when started as root; they must still reach the prefix.
  chmodSync(prefix, 0o755)
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs'])
    mkdirSync(join(prefix, sub), { mode: 0o777 })
  const config = readFileSync(templatePath, 'utf8')
    .replaceAll('__PREFIX__', prefix)
    .replaceAll('__LISTEN__', `127.0.0.1:${port}`)
    .replaceAll('__BACKEND__', options.backend)
  writeFileSync(join(prefix, 'nginx.conf'), config)

  // nginx's error log names upstream request lines (with `?token=`), so it is kept, not printed:
  // the last lines explain a failed start. Browsers can keep tokens out of it with subprotocol auth.
  const child = spawn(binary, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let errorLog = ''
  child.stderr?.on('data', (chunk: Buffer) => { errorLog = (errorLog + chunk.toString()).slice(-4000) })
  try {
    await waitForPort(port, child)
  }
  catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${errorLog}`)
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => {
      const done = () => {
        rmSync(prefix, { recursive: true, force: true })
        resolve()
      }
      if (child.exitCode !== null)
        return done()
      child.once('exit', done)
      child.kill('SIGQUIT')
    }),
  }
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const backend = argument('backend') ?? '127.0.0.1:8000'
  const port = argument('port') ? Number(argument('port')) : 8080
  const nginx = await startNginx({ backend, port })
  console.log(`nginx on ${nginx.url} → ${backend} (Ctrl-C to stop)`)
  const stop = () => void nginx.stop().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
