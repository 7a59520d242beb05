import { shallowRef } from 'vue'
import { createRouter, createWebHistory, type RouterHistory, type LocationQuery } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { classifyLink } from 'tidings'
import { ChunkLoadError, reportLoadFailure } from '@/utils/lazyChunk'
import { routes } from './routes'

const HOME_PATH = '/notifications'

/**
 * Where to go after signing in: the `redirect` query when it is an in-app path (never another
 * site, never the login page itself), else home.
 */
export function redirectTarget(query: LocationQuery): string {
  const raw = Array.isArray(query.redirect) ? query.redirect[0] : query.redirect
  if (typeof raw !== 'string')
    return HOME_PATH
  const link = classifyLink(raw)
  if (link.kind !== 'internal' || link.path.startsWith('/login'))
    return HOME_PATH
  return link.path
}

/** The in-app page the user came from (null on the first page of a visit): where "Back" links go. */
export const previousPath = shallowRef<string | null>(null)

/** Creates the router; tests pass a memory history. */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach((to) => {
    const auth = useAuthStore()
    if (to.matched.some(record => record.meta.requiresAuth) && !auth.isAuthenticated)
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (to.meta.guestOnly && auth.isAuthenticated)
      return redirectTarget(to.query)
    return true
  })

  router.afterEach((_to, from, failure) => {
    if (!failure)
      previousPath.value = from.matched.length && !from.path.startsWith('/login') ? from.fullPath : null
  })

  // A page whose code did not arrive: the user stays where they were, sees why, and can try again
  // (Retry, or the same link: the router imports afresh each time).
  router.onError((error: unknown, to) => {
    if (error instanceof ChunkLoadError)
      reportLoadFailure({ retry: () => void router.push(to.fullPath) })
    else
      throw error
  })

  return router
}
