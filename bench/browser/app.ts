// The app as users get it: a production build (vite build into a temporary folder, so neither the
// repository's dist/ nor the linted tree is touched) served by our server from its own process, plus a signed-in browser context.
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { build } from 'vite'
import { Paths, type Envelope, type LoginResponse } from '../../src/protocol'
import { TargetHandle } from '../fanout/target'

// One folder per run: two runs at once must not build over each other.
export const BUILD_DIR = join(tmpdir(), `tidings-bench-build-${process.pid}`)

/** Builds the SPA; resolves with the build's wall time in ms. */
export async function buildApp(): Promise<number> {
  const started = performance.now()
  // 'hidden' maps: the .js files are byte for byte what users get (no sourceMappingURL line), and the
  // bundle section can still tell which package each byte came from.
  await build({ root: resolve('.'), logLevel: 'warn', build: { outDir: BUILD_DIR, emptyOutDir: true, sourcemap: 'hidden' } })
  return performance.now() - started
}

export interface AppServer {
  target: TargetHandle
  url: string
  login: (username: string, password: string) => Promise<LoginResponse>
  stop: () => Promise<void>
}

export async function startAppServer(): Promise<AppServer> {
  const target = await TargetHandle.start('tidings', undefined, { BENCH_STATIC_DIR: BUILD_DIR })
  const url = `http://127.0.0.1:${target.info.port}`
  return {
    target,
    url,
    async login(username, password) {
      const response = await fetch(`${url}${Paths.login}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
      const envelope = await response.json() as Envelope<LoginResponse>
      if (!envelope.data)
        throw new Error(`login failed: ${envelope.message}`)
      return envelope.data
    },
    stop: () => target.stop(),
  }
}

/** A browser context already signed in as `session.user` (the auth store reads these keys at start), in English. */
export async function signedInContext(browser: Browser, session: LoginResponse | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript((stored: { token: string, user: string } | null) => {
    localStorage.setItem('tidings-locale', 'en')
    if (stored) {
      localStorage.setItem('auth-token', stored.token)
      localStorage.setItem('auth-user', stored.user)
    }
  }, session ? { token: session.access_token, user: JSON.stringify(session.user) } : null)
  return context
}
