// <DesktopNotificationSettings> as another app gets it from `tidings/element-plus`: Pinia and the
// plugin only, no vue-i18n. The browser's Notification API is a stand-in (jsdom has no prompt).
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { DesktopNotificationSettings } from 'tidings/element-plus'
import { useMswServer } from '../msw'
import { mountBare, unmountBare } from '../plugin/support'

useMswServer()

let wrapper: VueWrapper | undefined
afterEach(async () => {
  vi.unstubAllGlobals()
  await unmountBare(wrapper)
  wrapper = undefined
})

/** A browser whose permission prompt answers `answer`. */
function browserNotifications(answer: NotificationPermission) {
  const requestPermission = vi.fn(async () => {
    FakeNotification.permission = answer
    return answer
  })
  class FakeNotification {
    static permission: NotificationPermission = 'default'
    static requestPermission = requestPermission
  }
  vi.stubGlobal('Notification', FakeNotification)
  return { requestPermission }
}

function permissionText(): string {
  return wrapper!.get('[data-testid="permission-state"]').text()
}

describe('DesktopNotificationSettings from tidings/element-plus in a bare app', () => {
  test('turning it on asks the browser from that click, then shows the permission allowed', async () => {
    const { requestPermission } = browserNotifications('granted')
    wrapper = mountBare(DesktopNotificationSettings)
    expect(permissionText()).toBe('Not asked yet')

    await wrapper.get('[role="switch"][aria-label="Show desktop notifications"]').trigger('click')
    await flushPromises()

    expect(requestPermission).toHaveBeenCalledTimes(1)
    expect(permissionText()).toBe('Allowed')
    expect(wrapper.get('[role="switch"]').attributes('aria-checked')).toBe('true')
  })

  test('a browser that blocks them leaves the switch off and says how to undo it', async () => {
    browserNotifications('denied')
    wrapper = mountBare(DesktopNotificationSettings)
    await wrapper.get('[role="switch"]').trigger('click')
    await flushPromises()
    expect(permissionText()).toContain('Blocked')
    expect(wrapper.get('[role="switch"]').attributes('aria-checked')).toBe('false')
  })

  test('speaks Chinese, and offers no switch where the browser has no desktop notifications', async () => {
    vi.stubGlobal('Notification', undefined)
    wrapper = mountBare(DesktopNotificationSettings, { locale: 'zh-CN' })
    await vi.waitFor(() => expect(permissionText()).toBe('此浏览器不支持'))
    expect(wrapper.get('[role="switch"]').attributes('aria-label')).toBe('显示桌面通知')
    expect(wrapper.get('[role="switch"]').attributes('aria-disabled')).toBe('true')
  })
})
