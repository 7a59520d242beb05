// What the app does about the session's connection (the plugin's `autoConnect` opens and closes the
// socket itself): leave for the login page on logout, and end the session when the server refuses
// the token. App.vue mounts this from the first sign-in on and loads it with the signed-in pages.
import { defineComponent, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useConnection } from 'tidings/vue'
import { useAuthStore } from '@/stores/auth'

export default defineComponent({
  name: 'SessionConnection',
  setup() {
    const connection = useConnection()
    const authStore = useAuthStore()
    const route = useRoute()
    const router = useRouter()

    /** Leaves for the login page, remembering where the user was (and why, when the session ended). */
    function toLogin(reason?: 'expired') {
      const query = { ...(reason ? { reason } : {}) }
      if (route.name === 'login') {
        if (reason && route.query.reason !== reason)
          void router.replace({ name: 'login', query: { ...route.query, ...query } })
        return
      }
      const redirect = route.matched.some(record => record.meta.requiresAuth) ? route.fullPath : undefined
      void router.replace({ name: 'login', query: { ...(redirect ? { redirect } : {}), ...query } })
    }

    // Signed out: the socket has closed already (keeping an "unauthorized" verdict readable).
    watch(() => authStore.isAuthenticated, (signedIn, wasSignedIn) => {
      if (!signedIn && wasSignedIn)
        toLogin(connection.status.value === 'unauthorized' ? 'expired' : undefined)
    })

    // The server refused the token and a refresh did not help: end the session and sign in again.
    watch(connection.status, (status) => {
      if (status !== 'unauthorized')
        return
      if (authStore.isAuthenticated)
        void authStore.logout()
      else
        toLogin('expired')
    })

    return () => null
  },
})
