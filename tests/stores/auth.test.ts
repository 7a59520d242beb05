import { http } from 'msw'
import { apiFetch, ApiError } from '../../src/api/http'
import { Paths, Routes } from '../../src/protocol'
import { useAuthStore } from '../../src/stores/auth'
import { fail, on, seed, server, useMswServer, user } from '../msw'
import { usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

/** Whether the server still takes this token, asked as any client would (GET /api/auth/me). */
async function serverAccepts(token: string): Promise<boolean> {
  const response = await fetch(new URL(Routes.me.path, location.origin), { headers: { Authorization: `Bearer ${token}` } })
  return response.ok
}

test('signing in keeps the token and the user across reloads', async () => {
  const auth = useAuthStore()
  await auth.login('admin', 'admin123')
  expect(auth.isAuthenticated).toBe(true)
  expect(auth.isAdmin).toBe(true)
  expect(auth.username).toBe('admin')
  expect(localStorage.getItem('auth-token')).toBe(auth.token)
  expect(JSON.parse(localStorage.getItem('auth-user')!)).toMatchObject({ username: 'admin', role: 'admin' })
})

test('a returning visitor is signed in from localStorage', () => {
  const token = seed.signedIn('user1')
  const auth = useAuthStore()
  expect(auth.token).toBe(token)
  expect(auth.username).toBe('user1')
  expect(auth.isAdmin).toBe(false)
})

test('a wrong password rejects with a 401 ApiError and signs nobody in', async () => {
  const auth = useAuthStore()
  const attempt = auth.login('admin', 'wrong')
  await expect(attempt).rejects.toBeInstanceOf(ApiError)
  await expect(attempt).rejects.toMatchObject({ status: 401, message: 'invalid username or password' })
  expect(auth.isAuthenticated).toBe(false)
})

test('signing out forgets the session and revokes the token on the server', async () => {
  const token = seed.signedIn('admin')
  const auth = useAuthStore()
  await auth.logout()
  expect(auth.isAuthenticated).toBe(false)
  expect(localStorage.getItem('auth-token')).toBeNull()
  expect(await serverAccepts(token)).toBe(false)
})

test('signing out still works when the server cannot be reached', async () => {
  seed.signedIn('admin')
  server.use(http.post(`*${Paths.logout}`, () => Response.error()))
  const auth = useAuthStore()
  await auth.logout()
  expect(auth.isAuthenticated).toBe(false)
})

test('signing out everywhere revokes every token of the user on the server and forgets the session here', async () => {
  const elsewhere = seed.signedIn('user1')
  const here = seed.signedIn('user1')
  const someoneElse = seed.signedIn('user2')
  localStorage.setItem('auth-token', here)
  localStorage.setItem('auth-user', JSON.stringify(user({ username: 'user1' })))
  const auth = useAuthStore()
  await auth.logoutEverywhere()
  expect(auth.isAuthenticated).toBe(false)
  expect(localStorage.getItem('auth-token')).toBeNull()
  expect(await serverAccepts(here)).toBe(false)
  expect(await serverAccepts(elsewhere)).toBe(false)
  expect(await serverAccepts(someoneElse)).toBe(true)
})

test('signing out everywhere keeps the session and rejects when the server fails, so the user can retry', async () => {
  seed.signedIn('admin')
  server.use(http.post(`*${Paths.logoutAll}`, () => fail(500, 'database is locked')))
  const auth = useAuthStore()
  await expect(auth.logoutEverywhere()).rejects.toMatchObject({ status: 500, message: 'database is locked' })
  expect(auth.isAuthenticated).toBe(true)
})

test('a REST call answered 401 refreshes the token once and succeeds on the retry', async () => {
  const token = seed.signedIn('admin')
  seed.expire(token)
  const auth = useAuthStore()
  const count = await apiFetch<{ count: number }>(Paths.unreadCount)
  expect(count).toEqual({ count: 0 })
  expect(auth.token).not.toBe(token)
})

test('concurrent 401s share one refresh', async () => {
  const token = seed.signedIn('admin')
  seed.expire(token)
  useAuthStore()
  let refreshes = 0
  // Counts the refresh requests and lets each through to the default handler.
  server.use(on(Routes.refresh, () => {
    refreshes++
  }))
  await Promise.all([apiFetch(Paths.unreadCount), apiFetch(Paths.unreadCount), apiFetch(Paths.notifications)])
  expect(refreshes).toBe(1)
})

test('a refused refresh ends the session', async () => {
  const token = seed.signedIn('admin')
  seed.expire(token)
  seed.refuseRefresh()
  const auth = useAuthStore()
  await expect(apiFetch(Paths.unreadCount)).rejects.toMatchObject({ status: 401 })
  expect(auth.isAuthenticated).toBe(false)
})

test('a refresh that fails for lack of network keeps the session', async () => {
  seed.signedIn('admin')
  server.use(http.post(`*${Paths.refresh}`, () => Response.error()))
  const auth = useAuthStore()
  expect(await auth.refresh()).toBe(false)
  expect(auth.isAuthenticated).toBe(true)
})

test('a session ended in another tab ends here too', () => {
  seed.signedIn('admin')
  const auth = useAuthStore()
  localStorage.removeItem('auth-token')
  window.dispatchEvent(new StorageEvent('storage', { key: 'auth-token', newValue: null }))
  expect(auth.isAuthenticated).toBe(false)
})

test('server errors surface as ApiError with the server\'s message', async () => {
  seed.signedIn('admin')
  useAuthStore()
  server.use(http.get(`*${Paths.notifications}`, () => fail(422, 'page_size: must be at most 100')))
  await expect(apiFetch(Paths.notifications)).rejects.toMatchObject({ status: 422, message: 'page_size: must be at most 100' })
})
