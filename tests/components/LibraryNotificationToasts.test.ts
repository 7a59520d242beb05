// <NotificationToasts> as another app gets it from `tidings/element-plus`: Pinia and the plugin only
// (no vue-i18n, no router, no shell providing actions), the msw server pushing real frames.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { NotificationToasts } from 'tidings/element-plus'
import { useNotificationsStore } from '@/stores/notifications'
import { usePreferencesStore } from '@/stores/preferences'
import { useWebSocketStore } from '@/stores/websocket'
import { notification, pushNotification, useMswServer } from '../msw'
import { mountBare, unmountBare } from '../plugin/support'

useMswServer()

let wrapper: VueWrapper | undefined
afterEach(async () => {
  await unmountBare(wrapper)
  wrapper = undefined
})

async function mountLive(options: Parameters<typeof mountBare>[1] = {}) {
  wrapper = mountBare(NotificationToasts, options)
  await vi.waitFor(() => expect(useWebSocketStore().status).toBe('open'), { timeout: 5000 })
  // Preferences are read once the socket opens: wait for them, so a change saved next is not overwritten.
  await vi.waitFor(() => expect(usePreferencesStore().loaded).toBe(true), { timeout: 5000 })
}

function toastTexts(): string[] {
  return [...document.querySelectorAll('.el-notification')].map(toast => toast.textContent ?? '')
}

function announced(): string {
  return document.querySelector('[aria-live="polite"]')?.textContent ?? ''
}

describe('NotificationToasts from tidings/element-plus in a bare app', () => {
  test('a pushed notification pops up as a toast and is announced; clicking the toast marks it read', async () => {
    await mountLive()
    const pushed = pushNotification(notification({ title: 'Nightly build finished', content: 'all green', type: 'system', link: null }))

    await vi.waitFor(() => expect(toastTexts().join()).toContain('Nightly build finished'), { timeout: 5000 })
    expect(toastTexts().join()).toContain('all green')
    expect(announced()).toBe('New notification: Nightly build finished')

    document.querySelector<HTMLElement>('.el-notification')!.click()
    await vi.waitFor(() => expect(useNotificationsStore().byId(pushed.id)?.status).toBe('read'), { timeout: 5000 })
  })

  test('a type whose pop-ups the user turned off makes no toast, while other types still do', async () => {
    await mountLive()
    await usePreferencesStore().save({ types: { alert: { toast: false } } })

    pushNotification(notification({ title: 'Muted price alert', type: 'alert' }))
    pushNotification(notification({ title: 'Maintenance tonight', type: 'system' }))

    await vi.waitFor(() => expect(toastTexts().join()).toContain('Maintenance tonight'), { timeout: 5000 })
    expect(toastTexts().join()).not.toContain('Muted price alert')
    expect(announced()).toBe('New notification: Maintenance tonight')
  })

  test('during quiet hours only alerts pop up, when the user lets them through', async () => {
    await mountLive()
    const hour = new Date().getUTCHours()
    const clock = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`
    await usePreferencesStore().save({ quiet_hours: { enabled: true, start: clock(hour - 1), end: clock(hour + 2), time_zone: 'UTC', allow_alerts: true } })

    pushNotification(notification({ title: 'Weekly digest', type: 'system' }))
    pushNotification(notification({ title: 'Stop-loss hit', type: 'alert' }))

    await vi.waitFor(() => expect(toastTexts().join()).toContain('Stop-loss hit'), { timeout: 5000 })
    expect(toastTexts().join()).not.toContain('Weekly digest')
  })

  test('shows no toast while told to hold them, but still announces the arrival', async () => {
    await mountLive({ props: { holdToasts: true } })
    const pushed = pushNotification(notification({ title: 'Seen in the open menu' }))

    await vi.waitFor(() => expect(announced()).toBe('New notification: Seen in the open menu'), { timeout: 5000 })
    await flushPromises()
    expect(useNotificationsStore().byId(pushed.id)).toBeDefined()
    expect(document.querySelector('.el-notification')).toBeNull()
  })

  test('announces in Chinese when the plugin\'s language is zh-CN', async () => {
    await mountLive({ locale: 'zh-CN' })
    pushNotification(notification({ title: '夜间构建完成' }))
    await vi.waitFor(() => expect(announced()).toBe('新通知：夜间构建完成'), { timeout: 5000 })
  })
})
