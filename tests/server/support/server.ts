// A fresh in-memory server per test file, and small helpers to call its REST API like a client would.
import { afterAll, beforeAll } from 'vitest'
import { startServer, type RunningServer, type ServerOptions } from '../../../mock-server/app'
import { silentLogger } from '../../../mock-server/logger'
import { Paths, type Envelope, type LoginResponse } from '../../../src/protocol'
import { withToken } from '../../../src/realtime/url'

export const PASSWORDS: Record<string, string> = { admin: 'admin123', user1: 'user123', user2: 'user123' }

export function startTestServer(overrides: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ port: 0, dbPath: ':memory:', logger: silentLogger, ...overrides })
}

/** Starts a server before the file's tests and closes it after; read `.current` inside tests. */
export function useTestServer(overrides: Partial<ServerOptions> = {}): { current: RunningServer } {
  const holder = {} as { current: RunningServer }
  beforeAll(async () => {
    holder.current = await startTestServer(overrides)
  })
  afterAll(async () => {
    await holder.current?.close()
  })
  return holder
}

/** Anything with a base URL: a test server, a server process, a cluster process or the nginx front. */
export interface Node {
  url: string
}

export interface ApiResult<T = unknown> {
  status: number
  body: Envelope<T>
  headers: Headers
}

export interface RequestOptions {
  token?: string | null
  body?: unknown
  /** Sent as is instead of JSON-encoding `body`. */
  rawBody?: string
  headers?: Record<string, string>
}

export async function api<T = unknown>(server: Node, method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token)
    headers.Authorization = `Bearer ${options.token}`
  let body: string | undefined = options.rawBody
  if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['Content-Type'] = 'application/json'
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body })
  return { status: response.status, body: await response.json() as Envelope<T>, headers: response.headers }
}

/** Logs in through the real /api/auth/login and returns the access token. */
export async function login(server: Node, username: string): Promise<string> {
  const result = await api<LoginResponse>(server, 'POST', Paths.login, { body: { username, password: PASSWORDS[username] } })
  if (result.status !== 200 || !result.body.data)
    throw new Error(`login as ${username} failed: ${result.status} ${result.body.message}`)
  return result.body.data.access_token
}

/** Refreshes through the real /api/auth/refresh and returns the new access token of the same session. */
export async function refresh(server: Node, token: string): Promise<string> {
  const result = await api<LoginResponse>(server, 'POST', Paths.refresh, { token })
  if (result.status !== 200 || !result.body.data)
    throw new Error(`refresh failed: ${result.status} ${result.body.message}`)
  return result.body.data.access_token
}

/** A socket path's ws:// URL on that server, with `?token=` when given one. */
export function wsUrl(server: Node, path: string, token?: string | null): string {
  const url = `${server.url.replace(/^http/, 'ws')}${path}`
  return token ? withToken(url, token) : url
}

/** The SSE stream's URL on that server, with `?token=` when given one. */
export function streamUrl(server: Node, token?: string | null): string {
  const url = `${server.url}${Paths.stream}`
  return token ? withToken(url, token) : url
}
