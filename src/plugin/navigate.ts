import { getCurrentInstance } from 'vue'

/** What of vue-router's router is used: duck-typed, so the library does not depend on vue-router. */
interface Navigator {
  push: (to: string) => unknown
}

/** The app's router when it has one (`app.use(router)`), read without importing vue-router. */
function appRouter(): Navigator | null {
  const router = getCurrentInstance()?.appContext.config.globalProperties.$router as Navigator | undefined
  return typeof router?.push === 'function' ? router : null
}

/**
 * Goes to an in-app path: through the app's router when it has one, else by loading the page
 * (`location.assign`), for apps without vue-router.
 */
export function useNavigate(): (path: string) => void {
  const router = appRouter()
  return (path) => {
    if (router)
      void router.push(path)
    else
      window.location.assign(path)
  }
}
