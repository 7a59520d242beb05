// tidings/testing as a library user's jsdom test uses it: the fake server started with `listen()`, a
// tiny component on tidings/vue's composables, and one line to push a notification or a task's progress.
import { mount } from '@vue/test-utils'
import { http, HttpResponse } from 'msw'
import { createPinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { Paths } from 'tidings'
import { createTidingsTestServer } from 'tidings/testing'
import { createTidings, useConnection, useNotifications, useTask, useUnreadCount } from 'tidings/vue'

const tidings = createTidingsTestServer()
beforeAll(() => tidings.listen({ onUnhandledRequest: 'error' }))
afterEach(() => tidings.reset())
afterAll(() => tidings.close())

/** Mounts `component` as an app would: Pinia, then Tidings with the token the fake server gave `user`. */
function mountSignedIn(user: string, component: ReturnType<typeof defineComponent>) {
  const token = tidings.signIn(user)
  return mount(component, { global: { plugins: [createPinia(), createTidings({ getToken: () => token })] } })
}

/** A bell of a few lines: the unread count and the newest titles, live. */
const TinyBell = defineComponent(() => {
  const { items } = useNotifications()
  const { count } = useUnreadCount()
  const { status } = useConnection()
  return () => h('div', [
    h('p', { class: 'status' }, status.value),
    h('p', { class: 'count' }, `${count.value} unread`),
    h('ul', items.value.map(item => h('li', { key: item.id }, item.title))),
  ])
})

test('a component on the composables shows a notification pushed with one line', async () => {
  const wrapper = mountSignedIn('alice', TinyBell)
  await vi.waitFor(() => expect(wrapper.find('.status').text()).toBe('open'))

  tidings.pushNotification('alice', { title: 'Your export is ready' })

  await vi.waitFor(() => expect(wrapper.find('.count').text()).toBe('1 unread'))
  expect(wrapper.findAll('li').map(item => item.text())).toEqual(['Your export is ready'])
  wrapper.unmount()
})

test('a task\'s progress pushed with one line reaches useTask', async () => {
  const task = tidings.startTask('alice', { name: 'Export of March' })
  const TaskLine = defineComponent(() => {
    const { progress, message } = useTask(task.task_id)
    return () => h('p', `${progress.value}% ${message.value}`)
  })
  const wrapper = mountSignedIn('alice', TaskLine)
  await vi.waitFor(() => expect(tidings.taskWatchers(task.task_id)).toBe(1))

  tidings.pushProgress(task.task_id, 40, 'Writing rows')

  await vi.waitFor(() => expect(wrapper.text()).toBe('40% Writing rows'))
  wrapper.unmount()
})

test('a test\'s own handler answers in front of the fake server until reset', async () => {
  const stats = () => fetch(new URL(Paths.stats, location.origin))
  tidings.use(http.get(`*${Paths.stats}`, () => HttpResponse.json({ message: 'down for the test' }, { status: 503 })))
  expect((await stats()).status).toBe(503)

  tidings.reset()

  expect((await stats()).status).toBe(200)
})
