// Read-only introspection of our server for the leak check: the bench captures the live
// ConnectionRegistry and HTTP server as they are created (by wrapping two prototype methods before
// startServer runs) and reports the size of every index they keep. Nothing here changes behaviour.
import { Server as HttpServer } from 'node:http'

export interface ServerInternals {
  /** Entry counts of every Map/Set the registry holds (all, sockets, streams, bySession, expiryTimers, ...). */
  registrySizes: () => Record<string, number>
  /** Listener counts on the HTTP server and the process, by event name. */
  listenerCounts: () => Record<string, number>
  /** Sockets the HTTP server still has open (ws upgrades leave it, SSE responses stay until closed). */
  httpConnections: () => Promise<number>
}

interface SizedCollection { size: number }

function isSized(value: unknown): value is SizedCollection {
  return value instanceof Map || value instanceof Set
}

function listenerTotals(emitter: NodeJS.EventEmitter, prefix: string, into: Record<string, number>): void {
  for (const name of emitter.eventNames())
    into[`${prefix}.${String(name)}`] = emitter.listenerCount(name)
}

export async function watchServerInternals(): Promise<ServerInternals> {
  let registry: object | null = null
  let httpServer: HttpServer | null = null
  const capture = (instance: object) => {
    registry ??= instance
  }
  const captureServer = (instance: HttpServer) => {
    httpServer ??= instance
  }
  try {
    const { ConnectionRegistry } = await import('../../../mock-server/connections/registry')
    const add = ConnectionRegistry.prototype.add
    ConnectionRegistry.prototype.add = function (this: InstanceType<typeof ConnectionRegistry>, ...args: Parameters<typeof add>) {
      capture(this)
      return add.apply(this, args)
    }
  }
  catch (error) {
    console.error(`[bench] registry introspection unavailable: ${(error as Error).message}`)
  }
  const listen = HttpServer.prototype.listen
  HttpServer.prototype.listen = function (this: HttpServer, ...args: unknown[]) {
    captureServer(this)
    return (listen as (...a: unknown[]) => HttpServer).apply(this, args)
  } as typeof listen

  return {
    registrySizes() {
      const sizes: Record<string, number> = {}
      if (!registry)
        return sizes
      for (const [name, value] of Object.entries(registry)) {
        if (isSized(value))
          sizes[name] = value.size
      }
      return sizes
    },
    listenerCounts() {
      const counts: Record<string, number> = {}
      if (httpServer)
        listenerTotals(httpServer, 'http', counts)
      listenerTotals(process, 'process', counts)
      return counts
    },
    httpConnections: () => new Promise((resolve) => {
      if (!httpServer)
        return resolve(Number.NaN)
      httpServer.getConnections((error, count) => resolve(error ? Number.NaN : count))
    }),
  }
}
