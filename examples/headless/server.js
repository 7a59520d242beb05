// A plain node:http backend with its own users and tokens. Tidings is mounted on the same server
// (its /api routes through `handle`, its WebSocket and SSE); the rest is this app's: a publish route
// and the built page.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { attachTidings } from 'tidings/server'

/** This app's sign-in, reduced to fixed tokens: who each one is. */
const USERS_BY_TOKEN = new Map([
  ['alice-token', { id: 'alice', name: 'Alice' }],
  ['bob-token', { id: 'bob', name: 'Bob' }],
])
const PAGE_DIR = fileURLToPath(new URL('./dist/', import.meta.url))
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

async function readJson(request) {
  let body = ''
  for await (const chunk of request) body += chunk
  return JSON.parse(body || '{}')
}

async function servePage(request, response) {
  const path = new URL(request.url, 'http://x').pathname
  const file = join(PAGE_DIR, path.includes('.') ? path : 'index.html')
  if (!file.startsWith(PAGE_DIR)) return response.writeHead(404).end()
  const content = await readFile(file).catch(() => null)
  if (!content) return response.writeHead(404).end()
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(content)
}

/** Starts the backend; `port: 0` picks a free port. Resolves with its URL and a `close()`. */
export async function startExampleServer({ port = 3000, host = '127.0.0.1', dbPath = ':memory:' } = {}) {
  const server = createServer(async (request, response) => {
    if (tidings.handle(request, response))
      return
    if (request.method === 'POST' && request.url === '/demo/publish') {
      // This app's own event becomes a notification for one user (or '*' for everyone).
      const { user = 'alice', title = 'Hello from the backend', content = '' } = await readJson(request)
      await tidings.publish(user, { type: 'system', title, content })
      return response.writeHead(204).end()
    }
    return servePage(request, response)
  })
  const tidings = await attachTidings(server, {
    dbPath,
    authenticate: token => USERS_BY_TOKEN.get(token) ?? null,
  })
  await new Promise(resolve => server.listen(port, host, resolve))
  const url = `http://${host}:${server.address().port}`
  return {
    url,
    close: async () => {
      await tidings.close()
      await new Promise(resolve => server.close(resolve))
    },
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startExampleServer({ port: Number(process.env.PORT ?? 3000) })
  console.log(`Open ${url}/?token=alice-token, then: curl -X POST ${url}/demo/publish -d '{"title":"Hi"}'`)
}
