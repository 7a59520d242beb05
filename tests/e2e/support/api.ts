// The REST calls a test makes on the user's behalf (another device, an admin, a backend job).
import { Paths, type CreateNotificationRequest, type Notification, type Stats } from '../../../src/protocol'

interface EnvelopeBody<T> { success: boolean, data: T, message: string }

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } })
  const body = await response.json() as EnvelopeBody<T>
  if (!response.ok || !body.success)
    throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status} ${body.message}`)
  return body.data
}

export async function signInByApi(baseUrl: string, username: string, password: string): Promise<string> {
  const data = await call<{ access_token: string }>(`${baseUrl}${Paths.login}`, {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  })
  return data.access_token
}

export function createNotification(baseUrl: string, token: string, body: CreateNotificationRequest): Promise<Notification> {
  return call<Notification>(`${baseUrl}${Paths.notifications}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
}

export async function fetchStats(baseUrl: string): Promise<Stats> {
  const response = await fetch(`${baseUrl}${Paths.stats}`)
  return await response.json() as Stats
}
