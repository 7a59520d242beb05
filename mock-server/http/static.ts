// Serves the built SPA (`npm start`): files from the folder, index.html for any other GET outside
// /api so client-side routes survive a reload. Hashed assets are cached for a year; index.html is
// always revalidated so a new build is picked up at once.
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
const SHORT = 'public, max-age=3600'

function fileAt(path: string): Stats | null {
  try {
    const stats = statSync(path)
    return stats.isFile() ? stats : null
  }
  catch {
    return null
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, stats: Stats, cacheControl: string): void {
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`
  const headers = {
    'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    'ETag': etag,
    'X-Content-Type-Options': 'nosniff',
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  res.writeHead(200, { ...headers, 'Content-Length': stats.size })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(path).on('error', () => res.destroy()).pipe(res)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => void

/** Serves `dir`; when it is null or missing, answers with a short pointer to the dev setup instead. */
export function createStaticHandler(dir: string | null): StaticHandler {
  const root = dir ? resolve(dir) : null
  const index = root ? join(root, 'index.html') : null

  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return sendText(res, 405, 'Method Not Allowed\n')
    }
    if (!root || !index || !existsSync(index)) {
      if (pathname === '/')
        return sendText(res, 200, 'Tidings protocol server. The app runs with `npm run dev` (http://localhost:5173), or `npm run build && npm start`.\n')
      return sendText(res, 404, 'Not Found\n')
    }
    let relative: string
    try {
      relative = normalize(decodeURIComponent(pathname))
    }
    catch {
      return sendText(res, 400, 'Bad Request\n')
    }
    const path = join(root, relative)
    if (path !== root && !path.startsWith(root + sep))
      return sendText(res, 404, 'Not Found\n')
    const stats = fileAt(path)
    if (stats && path !== index)
      return sendFile(req, res, path, stats, relative.startsWith(`${sep}assets${sep}`) ? IMMUTABLE : SHORT)
    // A missing file with an extension is a real 404 (a stale script URL must not get HTML back).
    if (!stats && extname(relative))
      return sendText(res, 404, 'Not Found\n')
    sendFile(req, res, index, statSync(index), REVALIDATE)
  }
}
