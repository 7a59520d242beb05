// The sign-in calls. They spell their endpoints from AuthEndpoints rather than the route table
// (`Routes`), whose zod schemas the login page would otherwise download; the table's own entries are
// built from the same AuthEndpoints, so the two cannot drift.
import { AuthEndpoints, callEndpoint, type DataOf, type LoginResponse, type Routes } from 'tidings'

export function login(username: string, password: string): Promise<LoginResponse> {
  return callEndpoint(AuthEndpoints.login, { json: { username, password }, noRefresh: true })
}

/** Exchanges the given token for a fresh one. */
export function refresh(token: string): Promise<LoginResponse> {
  return callEndpoint(AuthEndpoints.refresh, { headers: { Authorization: `Bearer ${token}` }, noRefresh: true })
}

export function logout(token: string): Promise<DataOf<typeof Routes.logout>> {
  return callEndpoint(AuthEndpoints.logout, { headers: { Authorization: `Bearer ${token}` }, noRefresh: true })
}

/** Revokes every session of the signed-in user (a 401 refreshes the token once and retries). */
export function logoutAll(): Promise<DataOf<typeof Routes.logoutAll>> {
  return callEndpoint(AuthEndpoints.logoutAll)
}
