import { Paths, type LoginResponse } from '@/protocol'
import { apiFetch } from './http'

export function login(username: string, password: string): Promise<LoginResponse> {
  return apiFetch<LoginResponse>(Paths.login, { method: 'POST', json: { username, password }, noRefresh: true })
}

/** Exchanges the given token for a fresh one. */
export function refresh(token: string): Promise<LoginResponse> {
  return apiFetch<LoginResponse>(Paths.refresh, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, noRefresh: true })
}

export function logout(token: string): Promise<null> {
  return apiFetch<null>(Paths.logout, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, noRefresh: true })
}

/** Revokes every session of the signed-in user (a 401 refreshes the token once and retries). */
export function logoutAll(): Promise<{ revoked_sessions: number, closed_connections: number }> {
  return apiFetch(Paths.logoutAll, { method: 'POST' })
}
