// `npm start` serves the built SPA beside the API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { Paths } from '../../src/protocol'
import { useTestServer } from './support/server'

const dist = mkdtempSync(join(tmpdir(), 'tidings-dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>')
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")')
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
afterAll(() => rmSync(dist, { recursive: true, force: true }))

const server = useTestServer({ staticDir: dist })
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.current.url}${path}`, { headers })

describe('serving the built app', () => {
  test('serves index.html for the root and for client-side routes, always revalidated', async () => {
    for (const path of ['/', '/notifications', '/stocks/000001']) {
      const response = await get(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toContain('<div id="app">')
    }
  })

  test('serves hashed assets with their type and a year of immutable caching', async () => {
    const response = await get('/assets/index-abc123.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/javascript')
    expect(response.headers.get('cache-control')).toContain('immutable')
    expect(await response.text()).toBe('console.log("app")')
  })

  test('answers a repeat request with 304 when the file has not changed', async () => {
    const first = await get('/favicon.svg')
    const again = await get('/favicon.svg', { 'If-None-Match': first.headers.get('etag')! })
    expect(again.status).toBe(304)
  })

  test('answers a missing script with 404, not with the HTML page', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404)
  })

  test('never serves files outside the folder', async () => {
    const response = await get('/..%2f..%2fetc%2fpasswd')
    expect(await response.text()).not.toContain('root:')
  })

  test('keeps /api answering JSON, including 404 for unknown endpoints', async () => {
    expect((await get(Paths.stats)).headers.get('content-type')).toContain('application/json')
    const unknown = await get('/api/unknown')
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).success).toBe(false)
  })
})
