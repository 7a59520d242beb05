// The bell as another app gets it from `tidings/element-plus`: Pinia and the plugin context only
// (no vue-i18n messages, no router, no app shell providing actions), over the msw server.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { NotificationBell } from 'tidings/element-plus'
import { useNotificationsStore } from '@/stores/notifications'
import { notification, pushNotification, seed, serverNotifications, useMswServer } from '../msw'
import { mountBare, tidingsLocaleOf, unmountBare } from '../plugin/support'

useMswServer()

let wrapper: VueWrapper | undefined
afterEach(async () => {
  await unmountBare(wrapper)
  wrapper = undefined
})

function bellButton() {
  return wrapper!.get('button.bell__button')
}

/** Waits until the store holds `id` (the push arrived) and the page has rendered it. */
async function arrived(id: string) {
  const store = useNotificationsStore()
  await vi.waitFor(() => expect(store.byId(id)).toBeDefined(), { timeout: 5000 })
  await flushPromises()
}

async function openMenu() {
  await bellButton().trigger('click')
  await vi.waitFor(() => wrapper!.get('.bell__panel'), { timeout: 5000 }) // the menu's code loads on first use
  await flushPromises()
}

describe('the bell from tidings/element-plus in a bare app', () => {
  test('shows the unread count on its badge and lists a pushed notification, in English', async () => {
    seed.unread(2)
    wrapper = mountBare(NotificationBell)
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('Notifications, 2 unread'), { timeout: 5000 })

    const pushed = pushNotification(notification({ title: 'Nightly build finished' }))
    await arrived(pushed.id)
    expect(bellButton().attributes('aria-label')).toBe('Notifications, 3 unread')
    expect(wrapper.get('.el-badge__content').text()).toBe('3')

    await openMenu()
    expect(wrapper.get('.bell__panel').text()).toContain('Nightly build finished')
    expect(wrapper.get('.bell__panel').text()).toContain('Mark all read')
  })

  test('speaks Chinese when the plugin\'s language is zh-CN', async () => {
    seed.unread(2)
    wrapper = mountBare(NotificationBell, { locale: 'zh-CN' })
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('通知，2 条未读'), { timeout: 5000 })

    const pushed = pushNotification(notification({ title: '夜间构建完成' }))
    await arrived(pushed.id)
    expect(bellButton().attributes('aria-label')).toBe('通知，3 条未读')

    await openMenu()
    const panel = wrapper.get('.bell__panel').text()
    expect(panel).toContain('夜间构建完成')
    expect(panel).toContain('全部标为已读')
    expect(panel).not.toContain('Mark all read')
  })

  test('follows the plugin\'s language when it changes, without a reload', async () => {
    wrapper = mountBare(NotificationBell)
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('Notifications, no unread'), { timeout: 5000 })
    tidingsLocaleOf(wrapper).value = 'zh-CN'
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('通知，无未读'), { timeout: 5000 })
  })

  test('renders the app\'s own row through the #item slot instead of the built-in one', async () => {
    const [stored] = seed.unread(1)
    wrapper = mountBare(NotificationBell, {
      slots: { item: ({ notification }: { notification: { title: string } }) => h('p', { class: 'my-row' }, `★ ${notification.title}`) },
    })
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('Notifications, 1 unread'), { timeout: 5000 })

    await openMenu()
    expect(wrapper.get('.my-row').text()).toBe(`★ ${stored.title}`)
    expect(wrapper.find('.notification-item').exists()).toBe(false)
  })

  test('marks a notification read on the server when its row is opened, with no app actions around it', async () => {
    seed.notifications([notification({ link: null })])
    wrapper = mountBare(NotificationBell)
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('Notifications, 1 unread'), { timeout: 5000 })

    await openMenu()
    await wrapper.get('.notification-item__open').trigger('click')
    await vi.waitFor(async () => {
      const [onServer] = await serverNotifications(seed.signedIn())
      expect(onServer.status).toBe('read')
    }, { timeout: 5000 })
    await vi.waitFor(() => expect(bellButton().attributes('aria-label')).toBe('Notifications, no unread'))
  })
})
