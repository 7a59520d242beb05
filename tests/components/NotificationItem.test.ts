import { TextKey } from '@/protocol'
import NotificationItem from '@/components/notifications/NotificationItem.vue'
import { notification } from '../msw'
import { mountWithApp, recordingActions } from './support'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('NotificationItem', () => {
  test('hostile content stays text: no element is created from it', () => {
    const item = notification({
      title: '<img src=x onerror="window.__pwned=1">',
      content: '<script>window.__pwned=1</script><a href="javascript:alert(1)">click</a>',
    })
    const wrapper = mountWithApp(NotificationItem, { props: { notification: item } })
    expect(wrapper.find('img[src="x"]').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('a[href^="javascript"]').exists()).toBe(false)
    expect(wrapper.get('.notification-item__title').text()).toBe(item.title)
    expect(wrapper.get('.notification-item__content').text()).toContain('<a href="javascript:alert(1)">click</a>')
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })

  test('clips very long content in the compact menu', () => {
    const item = notification({ content: 'x'.repeat(4000) })
    const wrapper = mountWithApp(NotificationItem, { props: { notification: item } })
    expect(wrapper.get('.notification-item__content').text().length).toBeLessThan(200)
  })

  test('shows its type, and the full time on hover', () => {
    const item = notification({ type: 'alert', created_at: '2025-10-23T12:00:00Z' })
    const wrapper = mountWithApp(NotificationItem, { props: { notification: item } })
    expect(wrapper.text()).toContain('Alert')
    const time = wrapper.get('time')
    expect(time.attributes('datetime')).toBe('2025-10-23T12:00:00Z')
    expect(time.attributes('title')).toMatch(/2025/)
  })

  test('a read item offers no mark-read button', () => {
    const wrapper = mountWithApp(NotificationItem, { props: { notification: notification({ status: 'read' }) } })
    expect(wrapper.find('button[aria-label$="as read"]').exists()).toBe(false)
  })

  test('the inbox variant can delete an item', async () => {
    const item = notification({ title: 'Old news' })
    const { actions, asked } = recordingActions()
    const wrapper = mountWithApp(NotificationItem, { actions, props: { notification: item, variant: 'full', removable: true } })
    await wrapper.get('button[aria-label="Delete “Old news”"]').trigger('click')
    expect(asked).toEqual([['remove', item]])
  })
})

describe('server text with keys', () => {
  test('a notification the server sent with keys reads in the page\'s language; one without keys reads as sent', () => {
    const keyed = notification({ title: '分析完成', content: '000001 分析已完成', title_key: TextKey.AnalysisCompletedTitle, content_key: TextKey.AnalysisCompletedContent, params: { symbol: '000001' } })
    const english = mountWithApp(NotificationItem, { props: { notification: keyed } })
    expect(english.get('.notification-item__title').text()).toBe('Analysis complete')
    expect(english.get('.notification-item__content').text()).toBe('Analysis of 000001 is complete')

    const chinese = mountWithApp(NotificationItem, { locale: 'zh-CN', props: { notification: keyed } })
    expect(chinese.get('.notification-item__title').text()).toBe('分析完成')

    const plain = mountWithApp(NotificationItem, { props: { notification: notification({ title: '系统维护' }) } })
    expect(plain.get('.notification-item__title').text()).toBe('系统维护')
  })
})
