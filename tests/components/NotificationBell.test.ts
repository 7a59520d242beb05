import { flushPromises } from '@vue/test-utils'
import { nextTick } from 'vue'
import NotificationBell from '@/components/notifications/NotificationBell.vue'
import { notification } from '../msw'
import { mountWithApp, recordingActions } from './support'

function bellButton(wrapper: ReturnType<typeof mountWithApp>) {
  return wrapper.get('button.bell__button')
}

/** The menu's code loads the first time it opens: wait until its panel is on the page. */
async function menuShown(wrapper: ReturnType<typeof mountWithApp>) {
  await vi.waitFor(() => wrapper.get('[role="dialog"]'), { timeout: 5000 }) // the menu's code loads on first use
  await flushPromises()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('NotificationBell', () => {
  test('names the unread count for screen readers in English', () => {
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 3, items: [] } })
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 3 unread')
  })

  test('names the unread count for screen readers in Chinese', () => {
    const wrapper = mountWithApp(NotificationBell, { locale: 'zh-CN', props: { unreadCount: 3, items: [] } })
    expect(bellButton(wrapper).attributes('aria-label')).toBe('通知，3 条未读')
  })

  test('shows 99+ above 99 unread', () => {
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 120, items: [] } })
    expect(wrapper.get('.el-badge__content').text()).toBe('99+')
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 120 unread')
  })

  test('hides the badge when nothing is unread', () => {
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 0, items: [] } })
    expect(wrapper.find('.el-badge__content').exists() && wrapper.get('.el-badge__content').isVisible()).toBe(false)
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, no unread')
  })

  test('the Unread tab hides read items and the All tab shows them', async () => {
    const unread = notification({ title: 'Still new' })
    const read = notification({ title: 'Seen already', status: 'read' })
    const wrapper = mountWithApp(NotificationBell, {
      props: { unreadCount: 1, items: [read, unread], visible: true },
    })
    await menuShown(wrapper)
    expect(wrapper.text()).toContain('Still new')
    expect(wrapper.text()).not.toContain('Seen already')

    await wrapper.findAll('[role="tab"]').find(tab => tab.text() === 'All')!.trigger('click')
    await nextTick()
    expect(wrapper.text()).toContain('Seen already')
  })

  test('renders the newest rows the menu shows, and more up to twenty once it is scrolled', async () => {
    const items = Array.from({ length: 300 }, () => notification()).reverse()
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 300, items, visible: true } })
    await menuShown(wrapper)
    expect(wrapper.findAll('li.notification-item')).toHaveLength(8)
    expect(wrapper.get('li.notification-item').attributes('data-id')).toBe(items[0].id)

    await wrapper.get('.bell__scroll').trigger('scroll')
    const rendered = wrapper.findAll('li.notification-item')
    expect(rendered).toHaveLength(20)
    expect(rendered.map(row => row.attributes('data-id'))).toEqual(items.slice(0, 20).map(item => item.id))
  })

  test('clicking an item asks to open it and closes the menu', async () => {
    const item = notification({ title: 'Open me' })
    const { actions, asked } = recordingActions()
    const wrapper = mountWithApp(NotificationBell, { actions, props: { unreadCount: 1, items: [item], visible: true } })
    await menuShown(wrapper)
    await wrapper.get('.notification-item__open').trigger('click')
    expect(asked).toEqual([['open', item]])
    expect(wrapper.emitted('update:visible')?.at(-1)).toEqual([false])
  })

  test('each unread item has its own mark-read button named after it', async () => {
    const item = notification({ title: 'Quarterly report' })
    const { actions, asked } = recordingActions()
    const wrapper = mountWithApp(NotificationBell, { actions, props: { unreadCount: 1, items: [item], visible: true } })
    await menuShown(wrapper)
    await wrapper.get('button[aria-label="Mark “Quarterly report” as read"]').trigger('click')
    expect(asked).toEqual([['markRead', item]])
  })

  test('each row has a done button named after it', async () => {
    const item = notification({ title: 'Weekly digest' })
    const { actions, asked } = recordingActions()
    const wrapper = mountWithApp(NotificationBell, { actions, props: { unreadCount: 1, items: [item], visible: true } })
    await menuShown(wrapper)
    await wrapper.get('button[aria-label="Mark “Weekly digest” done"]').trigger('click')
    expect(asked).toEqual([['done', item]])
    expect(wrapper.find('button[aria-label="More actions for “Weekly digest”"]').exists()).toBe(true)
  })

  test('the list is one Tab stop: the arrow keys move between rows and along a row\'s buttons', async () => {
    const items = [notification({ title: 'Third' }), notification({ title: 'Second' }), notification({ title: 'First' })].reverse()
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 3, items, visible: true } })
    await menuShown(wrapper)
    const list = wrapper.get('.notification-list').element
    const tabbable = [...list.querySelectorAll<HTMLElement>('button, input')].filter(control => control.tabIndex >= 0)
    expect(tabbable.map(control => control.textContent?.trim())).toEqual(['First'])

    const press = (key: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
    tabbable[0]!.focus()
    press('ArrowDown')
    expect(document.activeElement?.textContent?.trim()).toBe('Second')
    press('ArrowRight')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Mark “Second” as read')
    press('End')
    expect(document.activeElement?.textContent?.trim()).toBe('Third')
  })

  test('Escape closes the menu while focus is on the bell button', async () => {
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 0, items: [], visible: true } })
    await menuShown(wrapper)
    await bellButton(wrapper).trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('update:visible')?.at(-1)).toEqual([false])
  })

  test('mark all read is offered only when something is unread', async () => {
    const { actions, asked } = recordingActions()
    const wrapper = mountWithApp(NotificationBell, { actions, props: { unreadCount: 0, items: [], visible: true } })
    await menuShown(wrapper)
    const markAll = wrapper.findAll('button').find(b => b.text() === 'Mark all read')!
    expect(markAll.attributes('disabled')).toBeDefined()
    await wrapper.setProps({ unreadCount: 2 })
    expect(markAll.attributes('disabled')).toBeUndefined()
    await markAll.trigger('click')
    expect(asked).toEqual([['markAllRead']])
  })

  test('shows an empty state, a loading state and an error with retry', async () => {
    const { actions, asked } = recordingActions()
    const wrapper = mountWithApp(NotificationBell, { actions, props: { unreadCount: 0, items: [], visible: true } })
    await menuShown(wrapper)
    expect(wrapper.text()).toContain('You are all caught up')

    await wrapper.setProps({ loading: true })
    expect(wrapper.find('.el-skeleton').exists()).toBe(true)

    await wrapper.setProps({ loading: false, error: 'HTTP 500' })
    expect(wrapper.get('[role="alert"]').text()).toContain('Could not load notifications')
    await wrapper.findAll('button').find(b => b.text() === 'Retry')!.trigger('click')
    expect(asked).toEqual([['retry']])
  })

  test('Escape closes the menu from the keyboard', async () => {
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 0, items: [], visible: true } })
    await menuShown(wrapper)
    const focused = document.activeElement!
    expect(wrapper.get('[role="dialog"]').element.contains(focused)).toBe(true)
    focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(wrapper.emitted('update:visible')?.at(-1)).toEqual([false])
  })

  test('clicking the bell opens the menu, and clicking it again closes it', async () => {
    const wrapper = mountWithApp(NotificationBell, { props: { unreadCount: 1, items: [notification({ title: 'Fresh' })] } })
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)

    await bellButton(wrapper).trigger('click')
    await menuShown(wrapper)
    expect(wrapper.get('[role="dialog"]').isVisible()).toBe(true)
    expect(wrapper.get('[role="dialog"]').attributes('aria-label')).toBe('Notifications')
    expect(wrapper.text()).toContain('Fresh')
    expect(bellButton(wrapper).attributes('aria-expanded')).toBe('true')

    await bellButton(wrapper).trigger('click')
    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-expanded')).toBe('false'))
  })
})
