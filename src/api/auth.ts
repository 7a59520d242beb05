import { callRoute, Routes, type DataOf, type LoginResponse } from 'tidings'

export function login(username: string, password: string): Promise<LoginResponse> {
  return callRoute(Routes.login, { json: { username, password }, noRefresh: true })
}

/** Exchanges the given token for a fresh one. */
export function refresh(token: string): Promise<LoginResponse> {
  return callRoute(Routes.refresh, { headers: { Authorization: `Bearer ${token}` }, noRefresh: true })
}

export function logout(token: string): Promise<DataOf<typeof Routes.logout>> {
  return callRoute(Routes.logout, { headers: { Authorization: `Bearer ${token}` }, noRefresh: true })
}

/** Revokes every session of the signed-in user (a 401 refreshes the token once and retries). */
export function logoutAll(): Promise<DataOf<typeof Routes.logoutAll>> {
  return callRoute(Routes.logoutAll)
}
