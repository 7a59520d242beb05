// Tidings' components mounted as a bare app has them: Pinia and `createTidings` with a session of the
// app's own (a token in a ref) and a language it can switch, no vue-i18n, no router.
import { flushPromises, mount, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils'
import { ElMessage, ElNotification } from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { ref, type Component, type Plugin, type Ref } from 'vue'
import { createTidings, TIDINGS_LOCALE, type TidingsLocale } from 'tidings/vue'
import { configureRealtime, resetRealtimeSettings } from '@/stores/realtimeSettings'
import { useWebSocketStore } from '@/stores/websocket'
import { seed } from '../msw'

/** A plugin giving Tidings' components their language; `locale.value = …` switches it. */
export function tidingsContext(initial: TidingsLocale = 'en'): Plugin & { locale: Ref<TidingsLocale> } {
  const locale = ref<TidingsLocale>(initial)
  return {
    locale,
    install(app) {
      app.provide(TIDINGS_LOCALE, locale)
    },
  }
}

const contexts = new WeakMap<object, Ref<TidingsLocale>>()

/** The plugin language of a `mountBare` app: set it to switch languages as the app would. */
export function tidingsLocaleOf(wrapper: object): Ref<TidingsLocale> {
  const locale = contexts.get(wrapper)
  if (!locale)
    throw new Error('not mounted with mountBare')
  return locale
}

/**
 * Mounts a Tidings component as a bare app would have it: Pinia and `createTidings` (the seeded admin's
 * token, `autoConnect` opening the socket), no vue-i18n, no router.
 */
export function mountBare<C extends Component>(component: C, options: ComponentMountingOptions<C> & { locale?: TidingsLocale } = {}) {
  const { locale = 'en', ...rest } = options
  configureRealtime({ locks: null, BroadcastChannel: null, connection: { backoffBase: 10, backoffCap: 20, jitter: 0 } })
  const token = seed.signedIn()
  localStorage.clear() // the demo app's auth store must not be where the token comes from
  const pinia = createPinia()
  setActivePinia(pinia)
  const language = ref<TidingsLocale>(locale)
  const wrapper = mount(component, {
    attachTo: document.body,
    ...rest,
    global: { plugins: [pinia, createTidings({ getToken: () => token, locale: language })] },
  } as ComponentMountingOptions<C>)
  contexts.set(wrapper, language)
  return wrapper
}

/** Closes the socket, toasts and settings a `mountBare` test left. */
export async function unmountBare(wrapper: VueWrapper | undefined): Promise<void> {
  useWebSocketStore().disconnect()
  wrapper?.unmount()
  ElNotification.closeAll()
  ElMessage.closeAll()
  resetRealtimeSettings()
  await flushPromises()
  document.body.innerHTML = ''
}
