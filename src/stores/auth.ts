import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'
// userOf, not userSchema: this store runs on the login page, which then needs no zod.
import { ApiError, userOf, type User } from 'tidings'
import * as authApi from '@/api/auth'
import { readStored, writeStored } from '@/utils/safeStorage'

const TOKEN_KEY = 'auth-token'
const USER_KEY = 'auth-user'

function readUser(): User | null {
  try {
    return userOf(JSON.parse(readStored(USER_KEY) ?? 'null'))
  }
  catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(readStored(TOKEN_KEY))
  const user = ref<User | null>(readUser())

  const isAuthenticated = computed(() => !!token.value)
  const isAdmin = computed(() => user.value?.role === 'admin')
  const username = computed(() => user.value?.username ?? null)

  function setSession(nextToken: string | null, nextUser: User | null): void {
    token.value = nextToken
    user.value = nextUser
    writeStored(TOKEN_KEY, nextToken)
    writeStored(USER_KEY, nextUser ? JSON.stringify(nextUser) : null)
  }

  /** Signs in; rejects with ApiError (status 401 for bad credentials). */
  async function login(name: string, password: string): Promise<void> {
    const result = await authApi.login(name, password)
    setSession(result.access_token, result.user)
  }

  /** Signs out here and, best effort, on the server (which closes this token's sockets). */
  async function logout(): Promise<void> {
    const previous = token.value
    setSession(null, null)
    if (previous)
      await authApi.logout(previous).catch(() => {})
  }

  /**
   * Signs the user out on every device: the server revokes all their sessions and closes their
   * sockets. Rejects with ApiError, still signed in, when the server could not do it.
   */
  async function logoutEverywhere(): Promise<void> {
    try {
      await authApi.logoutAll()
    }
    catch (error) {
      // 401: this session had already ended, and with it this device's access.
      if (!(error instanceof ApiError && error.status === 401))
        throw error
    }
    setSession(null, null)
  }

  let refreshing: Promise<boolean> | null = null
  /**
   * Exchanges the token for a fresh one; true when it worked. Concurrent callers share one
   * request. A refused refresh ends the session; a network failure keeps it.
   */
  function refresh(): Promise<boolean> {
    const current = token.value
    if (!current)
      return Promise.resolve(false)
    refreshing ??= authApi.refresh(current)
      .then((result) => {
        setSession(result.access_token, result.user ?? user.value)
        return true
      })
      .catch((error) => {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403) && token.value === current)
          setSession(null, null)
        return false
      })
      .finally(() => {
        refreshing = null
      })
    return refreshing
  }

  // Another tab signed in, refreshed or signed out: follow it.
  const followOtherTabs = (event: StorageEvent) => {
    if (event.key === TOKEN_KEY || event.key === null) {
      token.value = readStored(TOKEN_KEY)
      user.value = readUser()
    }
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', followOtherTabs)
    onScopeDispose(() => window.removeEventListener('storage', followOtherTabs))
  }

  return { token, user, isAuthenticated, isAdmin, username, login, logout, logoutEverywhere, refresh }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAuthStore, import.meta.hot))
