// attachTidings(): Tidings on an application's own `http.Server`. Its sockets (`/api/ws/*`) are taken
// from the server's `upgrade` event; its REST and SSE routes are answered by `handle(req, res)`, which
// the application calls first from its request handler (or `middleware`, for Express and Connect;
// Fastify calls `handle` from an `onRequest` hook), so every other route and socket path stays the
// application's. A JSON body its own parser has already read is taken from `req.body` (http/body.ts).
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ServerOptions } from './config'
import { openTidings } from './core'
import type { Publisher } from './publish'
import { targetOf } from './ws/upgrade'

export interface TidingsAttachment extends Publisher {
  /** The options in effect (defaults applied). */
  options: ServerOptions
  /** Answers the request when it is one of Tidings' routes and returns true; false leaves it to the application (Fastify: call it from `onRequest` with `request.raw`, `reply.raw`, then `reply.hijack()`). */
  handle: (req: IncomingMessage, res: ServerResponse) => boolean
  /** `handle` as Connect/Express middleware (`app.use(tidings.middleware)`, mounted at the root). */
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void
  /** Closes Tidings' sockets (1001) and streams, stops its timers, closes its database; the server keeps running. */
  close: () => Promise<void>
}

/** Options of `attachTidings`: the server's, without those of a server of its own (port, host, timeouts, static files). */
export type AttachOptions = Partial<Omit<ServerOptions, 'port' | 'host' | 'headersTimeoutSec' | 'requestTimeoutSec' | 'maxConnections' | 'listenBacklog' | 'staticDir'>>

/** Mounts Tidings on an application's `http.Server` (listening or not). */
export async function attachTidings(server: Server, options: AttachOptions = {}): Promise<TidingsAttachment> {
  const core = await openTidings(options)

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { pathname } = targetOf(req)
    // Another listener's path is its own; with nobody else listening, the socket is refused (404), not left hanging.
    if (core.upgrade.owns(pathname) || server.listenerCount('upgrade') === 1)
      core.upgrade.handle(req, socket, head)
  }
  server.on('upgrade', onUpgrade)

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!core.owns(url.pathname))
      return false
    core.serveApi(req, res, url)
    return true
  }

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    server.off('upgrade', onUpgrade)
    await core.drain()
    await core.release()
  }

  return {
    options: core.options,
    handle,
    middleware: (req, res, next) => {
      if (!handle(req, res))
        next()
    },
    publish: core.publish,
    startTask: core.startTask,
    close: () => (closing ??= close()),
  }
}
