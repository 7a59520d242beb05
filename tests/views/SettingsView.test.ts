import { flushPromises } from '@vue/test-utils'
import { seed, useMswServer } from '../msw'
import { chooseLanguage, mountApp, unmountApp } from './support'

useMswServer()

/** Stands in for the browser's Notification API, whose prompt jsdom cannot show. */
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

afterEach(async () => {
  vi.unstubAllGlobals()
  await unmountApp()
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

function permissionText(wrapper: Wrapper): string {
  return wrapper.get('[data-testid="permission-state"]').text()
}

function desktopSwitch(wrapper: Wrapper) {
  return wrapper.get('[role="switch"][aria-label="Show desktop notifications"]')
}

describe('the settings page', () => {
  test('turning desktop notifications on asks the browser from that click', async () => {
    const { requestPermission } = browserNotifications('granted')
    seed.signedIn()
    const { wrapper } = await mountApp('/settings')
    expect(permissionText(wrapper)).toBe('Not asked yet')
    expect(requestPermission).not.toHaveBeenCalled()

    await desktopSwitch(wrapper).trigger('click')
    await flushPromises()

    expect(requestPermission).toHaveBeenCalledTimes(1)
    expect(permissionText(wrapper)).toBe('Allowed')
    expect(desktopSwitch(wrapper).attributes('aria-checked')).toBe('true')
  })

  test('a refusal is shown with how to undo it', async () => {
    browserNotifications('denied')
    seed.signedIn()
    const { wrapper } = await mountApp('/settings')

    await desktopSwitch(wrapper).trigger('click')
    await flushPromises()

    expect(permissionText(wrapper)).toContain('Blocked')
    expect(desktopSwitch(wrapper).attributes('aria-checked')).toBe('false')
  })

  test('a browser without desktop notifications says so and offers no switch to flip', async () => {
    vi.stubGlobal('Notification', undefined)
    seed.signedIn()
    const { wrapper } = await mountApp('/settings')
    expect(permissionText(wrapper)).toBe('Not supported by this browser')
    expect(desktopSwitch(wrapper).attributes('aria-disabled')).toBe('true')
  })

  test('the language can be changed here too', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/settings')
    await chooseLanguage(wrapper, '简体中文', '.settings')
    expect(wrapper.get('h1').text()).toBe('设置')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  test('the appearance can be chosen here too: Dark darkens the page, System follows the system again', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/settings')
    const choose = async (label: string) => {
      await wrapper.findAll('.settings label.el-radio-button').find(option => option.text() === label)!.get('input').setValue(true)
      await flushPromises()
    }
    await choose('Dark')
    expect(document.documentElement.classList.contains('dark')).toBe(true)
    await choose('Light')
    expect(document.documentElement.classList.contains('dark')).toBe(false)
    await choose('System')
    expect(localStorage.getItem('tidings-color-scheme')).toBeNull() // nothing pinned: the system decides
  })
})
