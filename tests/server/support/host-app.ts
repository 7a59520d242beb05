// An application of its own on plain `node:http`, as a Tidings user writes one: its own tokens and
// routes (`/hello`, and `POST /announce?to=<user>` that publishes through Tidings), its own WebSocket
// path (`/app-socket`), and Tidings mounted with an `authenticate` hook that accepts the app's tokens.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { WebSocketServer } from 'ws'
import { attachTidings, silentLogger, type TidingsAttachment, type TidingsUser } from 'tidings/server'

/** The app's own sign-ins: token → user. Tidings knows none of them. */
export const APP_TOKENS: Record<string, TidingsUser> = {
  'app-session-alice': { id: 'alice', name: 'Alice' },
  'app-session-bob': { id: 'bob', name: 'Bob' },
}

/** A token whose check fails (the app's own store unreachable), not a refused one. */
export const BROKEN_TOKEN = 'app-session-while-store-down'
/** Carol's token, valid for one more second from each check. */
export const EXPIRING_TOKEN = 'app-session-carol-expiring'

export interface HostApp {
  url: string
  tidings: TidingsAttachment
  /** Tokens the app's hook was asked about, in order. */
  asked: string[]
  close: () => Promise<void>
}

async function startHostApp(): Promise<HostApp> {
  const asked: string[] = []
  const server: Server = createServer((req, res) => {
    if (tidings.handle(req, res))
      return
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'GET' && url.pathname === '/hello') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello from the app')
      return
    }
    if (req.method === 'POST' && url.pathname === '/announce') {
      tidings.publish(url.searchParams.get('to') ?? '*', { title: 'Deploy finished', content: 'v2 is live', type: 'system' })
        .then(items => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(items)))
        .catch((error: Error) => res.writeHead(500).end(error.message))
      return
    }
    res.writeHead(404).end('not the app\'s')
  })
  const appSockets = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === '/app-socket')
      appSockets.handleUpgrade(req, socket, head, ws => ws.send('app socket open'))
  })
  const tidings = await attachTidings(server, {
    dbPath: ':memory:',
    logger: silentLogger,
    authenticate: async (token) => {
      asked.push(token)
      if (token === BROKEN_TOKEN)
        throw new Error('the app\'s session store is down')
      if (token === EXPIRING_TOKEN)
        return { id: 'carol', expiresAtSec: Math.floor(Date.now() / 1000) + 1 }
      return APP_TOKENS[token] ?? null
    },
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tidings,
    asked,
    async close() {
      await tidings.close()
      for (const client of appSockets.clients)
        client.terminate()
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    },
  }
}

/** Starts the app before the file's tests and closes it after; read `.current` inside tests. */
export function useHostApp(): { current: HostApp } {
  const holder = {} as { current: HostApp }
  beforeAll(async () => {
    holder.current = await startHostApp()
  })
  afterAll(async () => {
    await holder.current?.close()
  })
  return holder
}
