// tidings/testing as a library user's jsdom test uses it: msw with the fake server's handlers, a tiny
// component over the stores, and one line to push a notification or a task's progress.
import { mount } from '@vue/test-utils'
import { setupServer } from 'msw/node'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h, onMounted } from 'vue'
import { createTidingsTestServer } from 'tidings/testing'
import { useNotificationsStore } from '../../src/stores/notifications'
import { useTasksStore } from '../../src/stores/tasks'
import { useWebSocketStore } from '../../src/stores/websocket'
import { disposeStores } from '../stores/support'

const tidings = createTidingsTestServer()
const server = setupServer(...tidings.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const pinia = createPinia()
beforeEach(() => setActivePinia(pinia))
afterEach(() => {
  disposeStores(pinia)
  tidings.reset()
})

/** Signs a user in where the app's auth store reads the token (what `tidings/vue`'s getToken will replace). */
function signIn(user: string): void {
  localStorage.setItem('auth-token', tidings.signIn(user))
}

/** A bell of a few lines: the unread count and the newest titles, live. */
const TinyBell = defineComponent(() => {
  const inbox = useNotificationsStore()
  const socket = useWebSocketStore()
  onMounted(() => socket.connect())
  return () => h('div', [
    h('p', { class: 'count' }, `${inbox.unreadCount} unread`),
    h('ul', inbox.items.map(item => h('li', { key: item.id }, item.title))),
  ])
})

test('a component over the stores shows a notification pushed with one line', async () => {
  signIn('alice')
  const wrapper = mount(TinyBell, { global: { plugins: [pinia] } })
  await vi.waitFor(() => expect(useWebSocketStore().connected).toBe(true))

  tidings.pushNotification('alice', { title: 'Your export is ready' })

  await vi.waitFor(() => expect(wrapper.find('.count').text()).toBe('1 unread'))
  expect(wrapper.findAll('li').map(item => item.text())).toEqual(['Your export is ready'])
  wrapper.unmount()
})

test('a task\'s progress pushed with one line reaches the tasks store', async () => {
  signIn('alice')
  const task = tidings.startTask('alice', { name: 'Export of March' })
  const tasks = useTasksStore()
  tasks.watch(task.task_id)
  const view = () => tasks.tasks.find(item => item.task_id === task.task_id)
  await vi.waitFor(() => expect(tidings.taskWatchers(task.task_id)).toBe(1))

  tidings.pushProgress(task.task_id, 40, 'Writing rows')

  await vi.waitFor(() => expect(view()).toMatchObject({ progress: 40, message: 'Writing rows' }))
})
