// startServer() (`createTidingsServer` of `tidings/server`): Tidings (core.ts: storage, auth, the hub
// and connection registry, the task simulator, the REST router and the WebSocket upgrade handler) on
// an HTTP server of its own, with the SPA. With `redisUrl` the hub fans out through Redis to the other
// processes serving the same users (and the same database).
import { existsSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { resolveOptions, type ServerOptions } from './config'
import { openTidings } from './core'
import { createStaticHandler } from './http/static'
import type { Publisher } from './publish'

export type { ServerOptions } from './config'

export interface IssueTokenOptions {
  /** Lifetime in seconds (at most the session's); negative gives an already expired token. @default options.tokenTtlSec */
  expiresInSec?: number
}

export interface RunningServer extends Publisher {
  /** Base URL, e.g. http://127.0.0.1:8000 */
  url: string
  /** The port it listens on. */
  port: number
  /** The options in effect (defaults applied). */
  options: ServerOptions
  /** Mints a token of a new session exactly as /api/auth/login does, with any lifetime (for tests and tools). */
  issueToken: (username: string, options?: IssueTokenOptions) => Promise<string>
  /** Closes sockets with 1001, ends SSE streams, stops timers and closes the database. */
  close: () => Promise<void>
}

/** At most one "MAX_CONNECTIONS reached" line per this long. */
const DROP_LOG_EVERY_MS = 5000

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::')
    return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

export async function startServer(overrides: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options = resolveOptions(overrides)
  const log = options.logger
  if (options.staticDir && !existsSync(join(options.staticDir, 'index.html')))
    log('warn', `no built app in ${options.staticDir} (run \`npm run build\`): serving the API only`)

  const tidings = await openTidings(options)
  const { ctx } = tidings
  const serveStatic = createStaticHandler(options.staticDir)
  const headersTimeoutMs = options.headersTimeoutSec * 1000
  const requestTimeoutMs = options.requestTimeoutSec * 1000
  const server = createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node checks both timeouts on this period (30 s by default, which would triple a 10 s limit).
    connectionsCheckingInterval: Math.min(Math.max(250, headersTimeoutMs / 4), 5000),
  }, (req, res) => {
    // Answered (whatever the answer) means the connection stops counting as unauthenticated.
    res.once('finish', settleAnswered)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === '/api' || url.pathname.startsWith('/api/'))
      tidings.serveApi(req, res, url)
    else
      serveStatic(req, res, url.pathname)
  })
  function settleAnswered(this: ServerResponse): void {
    ctx.pending.settle(this.req.socket)
  }
  server.maxConnections = options.maxConnections
  server.on('connection', socket => ctx.pending.admit(socket))
  let droppedSinceLog = 0
  let lastDropLogAt = 0
  server.on('drop', () => {
    droppedSinceLog++
    if (Date.now() - lastDropLogAt < DROP_LOG_EVERY_MS)
      return
    log('warn', `http dropped ${droppedSinceLog} connection(s): ${options.maxConnections} connections open (MAX_CONNECTIONS)`)
    lastDropLogAt = Date.now()
    droppedSinceLog = 0
  })
  server.on('upgrade', tidings.upgrade.handle)

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({ port: options.port, host: options.host, backlog: options.listenBacklog }, () => {
        server.off('error', reject)
        resolve()
      })
    })
  }
  catch (error) {
    await tidings.drain()
    await tidings.release()
    throw error
  }
  server.on('error', error => log('error', `http server error: ${error.message}`))
  const port = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    const serverClosed = new Promise<void>(resolve => server.close(() => resolve()))
    await tidings.drain()
    server.closeAllConnections()
    await serverClosed
    await tidings.release()
  }

  return {
    url: `http://${urlHost(options.host)}:${port}`,
    port,
    options: tidings.options,
    issueToken: async (username, { expiresInSec = options.tokenTtlSec } = {}) =>
      (await ctx.tokens.issue(username, await ctx.sessions.open(username, options.sessionTtlSec), expiresInSec)).token,
    publish: tidings.publish,
    startTask: tidings.startTask,
    close: () => (closing ??= close()),
  }
}
