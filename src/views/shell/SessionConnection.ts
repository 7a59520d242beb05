// The notification socket's life, as the source document's App.vue has it (connect when a signed-in
// user opens the app, disconnect on unmount) and beyond: connect right after login, close the socket
// and leave on logout, end the session when the server refuses the token. App.vue mounts this from
// the first sign-in on and loads it with the signed-in pages, so the login page downloads neither the
// socket nor the stores and protocol parser behind it.
import { defineComponent, onMounted, onUnmounted, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { useWebSocketStore } from '@/stores/websocket'

export default defineComponent({
  name: 'SessionConnection',
  setup() {
    const wsStore = useWebSocketStore()
    const authStore = useAuthStore()
    const route = useRoute()
    const router = useRouter()

    onMounted(() => {
      if (authStore.isAuthenticated)
        wsStore.connect()
    })

    onUnmounted(() => {
      wsStore.disconnect()
    })

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

    watch(() => authStore.isAuthenticated, (signedIn, wasSignedIn) => {
      if (signedIn && !wasSignedIn) {
        wsStore.connect()
      }
      else if (!signedIn && wasSignedIn) {
        const expired = wsStore.status === 'unauthorized'
        wsStore.disconnect()
        toLogin(expired ? 'expired' : undefined)
      }
    })

    // The server refused the token and a refresh did not help: end the session and sign in again.
    watch(() => wsStore.status, (status) => {
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
