// The one place REST calls go through: base URL, bearer token, the `{success,data,message}`
// envelope and errors. Resource files (auth.ts, notifications.ts, ...) stay one-liners over the
// protocol's route table (`callRoute(Routes.x, ...)`: its method, path and the hand check of its reply).
import { pathOf, type PathParams } from '@/protocol/pathOf'
import type { DataOf, Envelope, HttpMethod, RouteSpec } from '@/protocol'

/** A failed REST call: `status` is the HTTP status (0 when the network failed). */
export class ApiError extends Error {
  /** The HTTP status of the reply; 0 when none came (the network failed). */
  readonly status: number
  /** Seconds the server asked to wait (`Retry-After` of a 429 or 503), else null. */
  readonly retryAfterSec: number | null
  constructor(status: number, message: string, retryAfterSec: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.retryAfterSec = retryAfterSec
  }
}

/** `Retry-After` in seconds (the form our server sends); null when absent or a date. */
function retryAfterOf(response: Response): number | null {
  const raw = response.headers.get('Retry-After')?.trim()
  return raw && /^\d+$/.test(raw) ? Number(raw) : null
}

type TokenProvider = () => string | null
type UnauthorizedHandler = () => Promise<boolean>

let tokenProvider: TokenProvider = () => null
let unauthorizedHandler: UnauthorizedHandler | null = null

/** Where the current token comes from (`createTidings({ getToken })` registers it). */
export function setTokenProvider(provider: TokenProvider): void {
  tokenProvider = provider
}

/**
 * Called once when a request answers 401; resolving true (a fresh token) retries the request.
 * `createTidings({ refreshToken })` registers it here.
 */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler
}

let baseUrl = ''

/** Where the API lives (`createTidings({ baseUrl })`); '' for the page's own origin. */
export function setApiBaseUrl(url: string): void {
  baseUrl = url.replace(/\/$/, '')
}

/** The API's origin without a trailing slash, or '' for the page's own origin. */
export function apiBaseUrl(): string {
  return baseUrl
}

/** An absolute URL for an API path (Node's fetch, used under tests, refuses relative URLs). */
function apiUrl(path: string): string {
  const base = apiBaseUrl()
  if (base)
    return `${base}${path}`
  return typeof location === 'undefined' ? path : new URL(path, location.href).toString()
}

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** Serialised as JSON. */
  json?: unknown
  /** Skip the refresh-and-retry on 401 (used by the auth calls themselves). */
  noRefresh?: boolean
}

async function request(path: string, init: ApiRequestInit): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  const token = tokenProvider()
  if (token && !headers.has('Authorization'))
    headers.set('Authorization', `Bearer ${token}`)
  let body: string | undefined
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(init.json)
  }
  const { json: _json, noRefresh: _noRefresh, ...rest } = init
  try {
    return await fetch(apiUrl(path), { ...rest, headers, body })
  }
  catch (error) {
    if ((error as Error)?.name === 'AbortError')
      throw error
    throw new ApiError(0, 'network error: the server could not be reached')
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text)
    return null
  try {
    return JSON.parse(text)
  }
  catch {
    throw new ApiError(response.status, `unexpected response from the server (HTTP ${response.status})`)
  }
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'success' in value
}

/** The envelope's `data` (or a bare body) and the response's status; throws as `apiFetch` says. */
async function fetchData(path: string, init: ApiRequestInit): Promise<{ data: unknown, status: number }> {
  let response = await request(path, init)
  if (response.status === 401 && !init.noRefresh && unauthorizedHandler && await unauthorizedHandler())
    response = await request(path, init)
  const body = await readBody(response)
  if (isEnvelope(body)) {
    if (!body.success || !response.ok)
      throw new ApiError(response.ok ? 400 : response.status, body.message || `request failed (HTTP ${response.status})`, retryAfterOf(response))
    return { data: body.data, status: response.status }
  }
  if (!response.ok)
    throw new ApiError(response.status, `request failed (HTTP ${response.status})`, retryAfterOf(response))
  return { data: body, status: response.status }
}

/**
 * Calls the API and returns the envelope's `data`. Throws `ApiError` on a network failure, an
 * HTTP error or `success: false`. A 401 gets one refresh-and-retry when a refresh is registered.
 */
export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  return (await fetchData(path, init)).data as T
}

export interface RouteCallInit<Path extends string> extends ApiRequestInit {
  /** Values of the route's `:name` path segments. */
  params?: PathParams<Path>
  /** Query parameters; undefined, null and empty values are left out. */
  query?: Record<string, string | number | undefined | null>
}

/**
 * Calls a route of the protocol's table with its method and path; resolves to its response data as
 * the route's check outputs it (unknown keys dropped, defaults filled in). A reply the check refuses
 * rejects with an ApiError of the reply's status that says where it is wrong.
 */
export async function callRoute<R extends RouteSpec>(route: R, init: RouteCallInit<R['path']> = {}): Promise<DataOf<R>> {
  const { params, query, ...rest } = init
  const path = (pathOf as (route: RouteSpec, params?: object) => string)(route, params)
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      search.set(key, String(value))
  }
  const text = search.toString()
  const { data, status } = await fetchData(text ? `${path}?${text}` : path, { method: route.method, ...rest })
  try {
    return (route.check ? route.check(data) : data) as DataOf<R>
  }
  catch (error) {
    // A CheckError (by name: importing the class would put every check on the login page, which loads this file).
    if ((error as Error).name !== 'CheckError')
      throw error
    throw new ApiError(status, `unexpected response from the server: ${(error as Error).message}`)
  }
}

/** An endpoint by method and path alone, as `AuthEndpoints` (src/protocol/authEndpoints.ts) spells them. */
export interface Endpoint {
  /** The HTTP method. */
  readonly method: HttpMethod
  /** The path, without `:name` segments. */
  readonly path: string
}

/**
 * Calls an endpoint without a `:name` segment, resolving to `Data`. For the sign-in calls: unlike
 * `callRoute`, it needs no entry of the route table, whose zod schemas the login page would load.
 */
export function callEndpoint<Data>(endpoint: Endpoint, init: ApiRequestInit = {}): Promise<Data> {
  return apiFetch<Data>(endpoint.path, { method: endpoint.method, ...init })
}
