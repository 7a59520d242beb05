// The storm clients' `fetch` (their probes and REST resyncs) on node:http, the stack their `ws` sockets
// and Socket.IO's Node client already ride, instead of Node's built-in undici `fetch`. Ten thousand
// clients share the server's two cores here, so what their HTTP costs is the storm's time: a GET on a
// new connection took 1.76 ms of CPU through undici against 0.75 ms here (client and server in one
// process, 2,000 GETs; BENCHMARKS.md), and every returning client probes once on a new connection. The
// server sees the same requests either way.
// STORM_FETCH=undici puts Node's own back (to compare).
import { Agent, request } from 'node:http'

/** Keeps connections open between requests, as undici's pool and a browser do. */
const agent = new Agent({ keepAlive: true })

/** What the clients read of an answer: the status, one header, the body. */
function answerOf(status: number, headers: Record<string, string | string[] | undefined>, body: string): Response {
  const answer = {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name: string) => (headers[name.toLowerCase()] as string | undefined) ?? null },
    text: async () => body,
    json: async () => JSON.parse(body) as unknown,
  }
  return answer as unknown as Response
}

function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (init.signal?.aborted)
      return reject(init.signal.reason)
    const headers = init.headers instanceof Headers ? Object.fromEntries(init.headers) : init.headers as Record<string, string> | undefined
    const outgoing = request(String(input), { method: init.method ?? 'GET', headers, agent }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => resolve(answerOf(incoming.statusCode ?? 0, incoming.headers, Buffer.concat(chunks).toString())))
      incoming.on('error', reject)
    })
    outgoing.on('error', reject)
    init.signal?.addEventListener('abort', () => outgoing.destroy(init.signal!.reason as Error), { once: true })
    outgoing.end(init.body as string | undefined)
  })
}

export const stormFetch: typeof fetch = process.env.STORM_FETCH === 'undici' ? globalThis.fetch : httpFetch as typeof fetch
