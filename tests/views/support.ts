// Mounts the whole app (App.vue, real router with its guard, real stores, real i18n) at a URL, over
// the shared msw handlers: tests act as a user would and read what the page shows.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, type Router } from 'vue-router'
import { ElMessage, ElNotification } from 'element-plus'
import App from '@/App.vue'
import { createAppI18n, type AppLocale } from '@/i18n'
import { createAppRouter } from '@/router'
import { appTidings } from '@/tidings'
import { configureRealtime, resetRealtimeSettings } from '@/stores/realtimeSettings'
import { useNotificationsStore } from '@/stores/notifications'
import { useWebSocketStore } from '@/stores/websocket'

export interface MountedApp {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
  /** Reads the current text of the page (everything under <body>, toasts included). */
  pageText: () => string
}

let mounted: MountedApp | null = null

/** Options for every connection in these tests: one tab, quick retries, no random jitter. */
export function quickRealtime(overrides: Parameters<typeof configureRealtime>[0] = {}) {
  configureRealtime({
    locks: null,
    BroadcastChannel: null,
    ...overrides,
    connection: { backoffBase: 10, backoffCap: 20, jitter: 0, ...overrides.connection },
  })
}

export async function mountApp(path: string, options: { locale?: AppLocale } = {}): Promise<MountedApp> {
  if (!mounted)
    quickRealtime()
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n(options.locale ?? 'en')
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, i18n, router, appTidings(pinia, i18n)] } })
  await flushPromises()
  mounted = { wrapper, router, pinia, pageText: () => document.body.textContent ?? '' }
  return mounted
}

/** Unmounts the app (closing its socket), removes toasts and resets realtime settings. */
export async function unmountApp(): Promise<void> {
  mounted?.wrapper.unmount()
  mounted = null
  ElNotification.closeAll()
  ElMessage.closeAll()
  resetRealtimeSettings()
  await flushPromises()
  document.body.innerHTML = ''
}

/** Waits until the notification socket is open (the server's `connected` frame arrived). */
export async function waitForLive(): Promise<void> {
  const socket = useWebSocketStore()
  await vi.waitFor(() => expect(socket.status).toBe('open'), { timeout: 5000 })
  // The first sync runs on open; let it land.
  const notifications = useNotificationsStore()
  await vi.waitFor(() => expect(notifications.lastSyncedAt).not.toBeNull(), { timeout: 5000 })
  await flushPromises()
}

/** The bell's button, whose accessible name carries the unread count. */
export function bellButton(wrapper: VueWrapper) {
  return wrapper.get('button.bell__button')
}

/** A button by its visible text (or aria-label), as a user would find it. */
export function buttonNamed(wrapper: VueWrapper, name: string | RegExp) {
  const matches = (text: string | undefined) => !!text && (typeof name === 'string' ? text.trim() === name : name.test(text))
  const button = wrapper.findAll('button').find(b => matches(b.text()) || matches(b.attributes('aria-label')))
  if (!button)
    throw new Error(`no button named ${String(name)}`)
  return button
}

/** Pretends the tab went to the background (or came back). */
export function setPageVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' })
  document.dispatchEvent(new Event('visibilitychange'))
}

/** Picks a language from a language switch (the first one inside `scope`). */
export async function chooseLanguage(wrapper: VueWrapper, label: string, scope = '') {
  const languageSwitch = wrapper.get(`${scope} .language-switch`.trim())
  await languageSwitch.get('button').trigger('click')
  // The menu's code loads the first time it opens.
  await vi.waitFor(() => languageSwitch.get('.el-dropdown-menu__item'))
  await flushPromises()
  const item = languageSwitch.findAll('.el-dropdown-menu__item').find(option => option.text() === label)
  if (!item)
    throw new Error(`no language named ${label}`)
  await item.trigger('click')
  await flushPromises()
}
