// The plugin as a host app with its own login uses it: a token in a ref of its own, no app stores.
// Headless components built here from the composables, over the shared msw handlers.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { defineComponent, h, nextTick, ref } from 'vue'
import { createLazyTidings, createTidings, useConnection, useNotifications, useTask, useTidingsLocale, useUnreadCount, type TidingsLocale, type TidingsOptions } from 'tidings/vue'
import { resetRealtimeSettings } from '../../src/stores/realtimeSettings'
import { notification, pushNotification, seed, socketLog, socketsOf, taskInfo, taskUpdates, useMswServer } from '../msw'
import { disposeStores } from '../stores/support'
import { quickRealtime } from '../views/support'

useMswServer()

let pinia: Pinia
/** The host app's session: its own token, not Tidings' business how it got it. */
const token = ref<string | null>(null)

beforeEach(() => {
  quickRealtime()
  pinia = createPinia()
  token.value = null
})

afterEach(() => {
  disposeStores(pinia)
  resetRealtimeSettings()
})

/** The host app signs `username` in: a token of its own, kept where the demo app's auth store never looks. */
function hostSignIn(username: string): string {
  const issued = seed.signedIn(username)
  localStorage.clear()
  return issued
}

/** Mounts `component` in an app with Pinia and Tidings, signed in with `token`. */
function mountWithTidings(component: ReturnType<typeof defineComponent>, options: Partial<TidingsOptions> = {}) {
  return mount(component, { global: { plugins: [pinia, createTidings({ getToken: () => token.value, ...options })] } })
}

/** The host app's own bell: a button whose name says the count. */
const HeadlessBell = defineComponent(() => {
  const { count } = useUnreadCount()
  const { status } = useConnection()
  return () => h('button', { 'aria-label': `${count.value} unread`, 'data-status': status.value }, String(count.value))
})

test('a bell built from useUnreadCount shows the count a push brings', async () => {
  token.value = hostSignIn('admin')
  seed.unread(2)
  const wrapper = mountWithTidings(HeadlessBell)
  await vi.waitFor(() => expect(wrapper.get('button').attributes('aria-label')).toBe('2 unread'))
  pushNotification(notification({ title: 'Deploy finished' }))
  await vi.waitFor(() => expect(wrapper.get('button').attributes('aria-label')).toBe('3 unread'))
  wrapper.unmount()
})

test('autoConnect connects when the app signs in and closes the socket when it signs out', async () => {
  const wrapper = mountWithTidings(HeadlessBell)
  await flushPromises()
  expect(socketLog).toHaveLength(0)
  token.value = hostSignIn('user1')
  await vi.waitFor(() => expect(wrapper.get('button').attributes('data-status')).toBe('open'))
  expect(socketsOf('user1')).toHaveLength(1)
  token.value = null
  await vi.waitFor(() => expect(socketsOf()).toHaveLength(0))
  expect(wrapper.get('button').attributes('data-status')).toBe('idle')
  wrapper.unmount()
})

test('createLazyTidings connects when the app signs in, once the socket\'s code has loaded, and closes on sign-out', async () => {
  const wrapper = mount(HeadlessBell, { global: { plugins: [pinia, createLazyTidings({ getToken: () => token.value })] } })
  await flushPromises()
  expect(socketLog).toHaveLength(0)
  token.value = hostSignIn('user1')
  await vi.waitFor(() => expect(wrapper.get('button').attributes('data-status')).toBe('open'))
  expect(socketsOf('user1')).toHaveLength(1)
  token.value = null
  await vi.waitFor(() => expect(socketsOf()).toHaveLength(0))
  wrapper.unmount()
})

test('with autoConnect off nothing connects until the app calls connect()', async () => {
  token.value = hostSignIn('admin')
  let connection!: ReturnType<typeof useConnection>
  const wrapper = mountWithTidings(defineComponent(() => {
    connection = useConnection()
    return () => h('p', connection.status.value)
  }), { autoConnect: false })
  await flushPromises()
  expect(socketLog).toHaveLength(0)
  connection.connect()
  await vi.waitFor(() => expect(wrapper.text()).toBe('open'))
  wrapper.unmount()
})

test('unmounting the app closes its socket', async () => {
  token.value = hostSignIn('admin')
  const wrapper = mountWithTidings(HeadlessBell)
  await vi.waitFor(() => expect(socketsOf('admin')).toHaveLength(1))
  wrapper.unmount()
  await vi.waitFor(() => expect(socketsOf()).toHaveLength(0))
})

test('a list built from useNotifications marks one read, and the count follows', async () => {
  token.value = hostSignIn('admin')
  const [older, newer] = seed.unread(2)
  let inbox!: ReturnType<typeof useNotifications>
  const wrapper = mountWithTidings(defineComponent(() => {
    inbox = useNotifications()
    return () => h('ul', inbox.items.value.map(item => h('li', `${item.title} (${item.status})`)))
  }))
  await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(2))
  expect(inbox.unreadCount.value).toBe(2)
  expect(await inbox.markRead(newer!.id)).toBe('saved')
  expect(inbox.unreadCount.value).toBe(1)
  expect(inbox.items.value.find(item => item.id === older!.id)?.status).toBe('unread')
  wrapper.unmount()
})

test('a request answered 401 calls refreshToken once and is retried with the fresh token', async () => {
  const expired = hostSignIn('admin')
  seed.expire(expired)
  seed.unread(3)
  token.value = expired
  const refreshToken = vi.fn(async () => {
    token.value = hostSignIn('admin')
    return true
  })
  let inbox!: ReturnType<typeof useNotifications>
  const wrapper = mountWithTidings(defineComponent(() => {
    inbox = useNotifications({ pageSize: 10 })
    return () => h('ul', inbox.items.value.map(item => h('li', item.title)))
  }), { refreshToken, autoConnect: false })
  await inbox.loadMore()
  await nextTick()
  expect(refreshToken).toHaveBeenCalledTimes(1)
  expect(wrapper.findAll('li')).toHaveLength(3)
  expect(inbox.hasMore.value).toBe(false)
  wrapper.unmount()
})

test('useTask follows a task\'s progress to its result', async () => {
  token.value = hostSignIn('admin')
  const task = seed.task(taskInfo({ status: 'running' }))
  let progress!: ReturnType<typeof useTask>
  const wrapper = mountWithTidings(defineComponent(() => {
    progress = useTask(task.task_id)
    return () => h('progress', { value: progress.progress.value, max: 100 })
  }), { autoConnect: false })
  taskUpdates.advance(task.task_id, 2)
  await vi.waitFor(() => expect(wrapper.get('progress').attributes('value')).toBe('40'))
  expect(progress.status.value).toBe('running')
  wrapper.unmount()
})

test('Tidings\' texts follow the language the app passes, as it changes', async () => {
  const language = ref<TidingsLocale>('en')
  const wrapper = mountWithTidings(defineComponent(() => {
    const locale = useTidingsLocale()
    return () => h('p', locale.value)
  }), { locale: language, autoConnect: false })
  expect(wrapper.text()).toBe('en')
  language.value = 'zh-CN'
  await nextTick()
  expect(wrapper.text()).toBe('zh-CN')
  wrapper.unmount()
})

test('installing Tidings before Pinia says what to do', () => {
  expect(() => mount(HeadlessBell, { global: { plugins: [createTidings({ getToken: () => null })] } }))
    .toThrow('install Pinia first')
})
