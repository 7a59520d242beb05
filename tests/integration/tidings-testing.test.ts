// tidings/testing as a library user's jsdom test uses it: msw with the fake server's handlers, a tiny
// component on tidings/vue's composables, and one line to push a notification or a task's progress.
import { mount } from '@vue/test-utils'
import { setupServer } from 'msw/node'
import { createPinia, type Pinia } from 'pinia'
import { defineComponent, h, ref } from 'vue'
import { createTidingsTestServer } from 'tidings/testing'
import { createTidings, useConnection, useNotifications, useTask } from 'tidings/vue'
import { disposeStores } from '../stores/support'

const tidings = createTidingsTestServer()
const server = setupServer(...tidings.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

/** The host app's own session: a token Tidings only reads through `getToken`. */
const token = ref<string | null>(null)
let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  token.value = null
})
afterEach(() => {
  disposeStores(pinia)
  tidings.reset()
})

function mountWithTidings(component: ReturnType<typeof defineComponent>) {
  return mount(component, { global: { plugins: [pinia, createTidings({ getToken: () => token.value })] } })
}

/** A bell of a few lines: the unread count and the newest titles, live. */
const TinyBell = defineComponent(() => {
  const { items, unreadCount } = useNotifications()
  const { status } = useConnection()
  return () => h('div', [
    h('p', { class: 'status' }, status.value),
    h('p', { class: 'count' }, `${unreadCount.value} unread`),
    h('ul', items.value.map(item => h('li', { key: item.id }, item.title))),
  ])
})

test('a bell built on tidings/vue shows a notification pushed with one line', async () => {
  token.value = tidings.signIn('alice')
  const wrapper = mountWithTidings(TinyBell)
  await vi.waitFor(() => expect(wrapper.find('.status').text()).toBe('open'))

  tidings.pushNotification('alice', { title: 'Your export is ready' })

  await vi.waitFor(() => expect(wrapper.find('.count').text()).toBe('1 unread'))
  expect(wrapper.findAll('li').map(item => item.text())).toEqual(['Your export is ready'])
  wrapper.unmount()
})

test('a task\'s progress pushed with one line reaches a progress bar', async () => {
  token.value = tidings.signIn('alice')
  const task = tidings.startTask('alice', { name: 'Export of March' })
  const ProgressBar = defineComponent(() => {
    const { progress, message } = useTask(task.task_id)
    return () => h('p', `${progress.value}% ${message.value}`)
  })
  const wrapper = mountWithTidings(ProgressBar)
  await vi.waitFor(() => expect(tidings.taskWatchers(task.task_id)).toBe(1))

  tidings.pushProgress(task.task_id, 40, 'Writing rows')

  await vi.waitFor(() => expect(wrapper.text()).toBe('40% Writing rows'))
  wrapper.unmount()
})
