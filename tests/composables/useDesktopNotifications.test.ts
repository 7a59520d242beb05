import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useDesktopNotifications } from '../../src/composables/useDesktopNotifications'
import { notification } from '../msw'

/**
 * A stand-in for the browser's Notification API (jsdom has none): it records what would have
 * appeared on the desktop, and replaces an entry with the same tag as browsers do.
 */
function fakeNotificationApi(initial: NotificationPermission = 'granted') {
  const desktop: FakeNotification[] = []
  class FakeNotification {
    static permission: NotificationPermission = initial
    static requests = 0
    static async requestPermission(): Promise<NotificationPermission> {
      FakeNotification.requests += 1
      FakeNotification.permission = 'granted'
      return 'granted'
    }

    onclick: (() => void) | null = null
    constructor(readonly title: string, readonly options: NotificationOptions) {
      const same = desktop.findIndex(n => n.options.tag === options.tag)
      if (same >= 0)
        desktop.splice(same, 1)
      desktop.push(this)
    }

    close(): void {
      desktop.splice(desktop.indexOf(this), 1)
    }
  }
  return { api: FakeNotification as unknown as typeof Notification, desktop, FakeNotification }
}

let visibility: DocumentVisibilityState = 'visible'
beforeAll(() => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
})
beforeEach(() => {
  visibility = 'visible'
})

function router() {
  const instance = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:path(.*)*', component: { render: () => null } }] })
  return instance
}

test('nothing is shown while the page is visible: the in-app toast covers it', () => {
  const { api, desktop } = fakeNotificationApi()
  const desktopNotifications = useDesktopNotifications({ NotificationApi: api })
  expect(desktopNotifications.show(notification())).toBe(false)
  expect(desktop).toHaveLength(0)
})

test('a hidden page shows the notification with its id as the tag, once per id', () => {
  visibility = 'hidden'
  const { api, desktop } = fakeNotificationApi()
  const desktopNotifications = useDesktopNotifications({ NotificationApi: api })
  const item = notification({ title: '分析完成', content: '000001 分析已完成' })
  expect(desktopNotifications.show(item)).toBe(true)
  expect(desktopNotifications.show(item)).toBe(false)
  expect(desktop).toHaveLength(1)
  expect(desktop[0]).toMatchObject({ title: '分析完成', options: { body: '000001 分析已完成', tag: item.id } })
})

test('two tabs showing the same notification leave one on the desktop', () => {
  visibility = 'hidden'
  const { api, desktop } = fakeNotificationApi()
  const item = notification()
  useDesktopNotifications({ NotificationApi: api }).show(item)
  useDesktopNotifications({ NotificationApi: api }).show(item)
  expect(desktop).toHaveLength(1)
})

test('permission is asked only when the user clicks, never on its own', async () => {
  const { api, FakeNotification } = fakeNotificationApi('default')
  const desktopNotifications = useDesktopNotifications({ NotificationApi: api })
  visibility = 'hidden'
  expect(desktopNotifications.show(notification())).toBe(false)
  expect(FakeNotification.requests).toBe(0)
  expect(await desktopNotifications.requestPermission()).toBe('granted')
  expect(desktopNotifications.permission.value).toBe('granted')
  expect(FakeNotification.requests).toBe(1)
})

test('clicking focuses the window and follows an in-app link through the router', async () => {
  visibility = 'hidden'
  const { api, desktop } = fakeNotificationApi()
  const appRouter = router()
  const focus = vi.spyOn(window, 'focus').mockImplementation(() => {})
  useDesktopNotifications({ NotificationApi: api, navigate: path => appRouter.push(path) }).show(notification({ link: '/stocks/600519' }))
  desktop[0]!.onclick!()
  await vi.waitFor(() => expect(appRouter.currentRoute.value.fullPath).toBe('/stocks/600519'))
  expect(focus).toHaveBeenCalled()
  expect(desktop).toHaveLength(0)
  focus.mockRestore()
})

test('an https link opens in a new tab and a javascript: link goes nowhere', () => {
  visibility = 'hidden'
  const { api, desktop } = fakeNotificationApi()
  const open = vi.spyOn(window, 'open').mockImplementation(() => null)
  const appRouter = router()
  const desktopNotifications = useDesktopNotifications({ NotificationApi: api, navigate: path => appRouter.push(path) })
  desktopNotifications.show(notification({ link: 'https://example.com/report' }))
  desktopNotifications.show(notification({ link: 'javascript:alert(1)' }))
  desktop[0]!.onclick!()
  desktop[0]!.onclick!()
  expect(open).toHaveBeenCalledTimes(1)
  expect(open).toHaveBeenCalledWith('https://example.com/report', '_blank', 'noopener,noreferrer')
  expect(appRouter.currentRoute.value.fullPath).toBe('/')
  open.mockRestore()
})

test('nothing happens where the browser has no Notification API', async () => {
  visibility = 'hidden'
  const desktopNotifications = useDesktopNotifications({ NotificationApi: null })
  expect(desktopNotifications.supported).toBe(false)
  expect(desktopNotifications.permission.value).toBe('unsupported')
  expect(desktopNotifications.show(notification())).toBe(false)
  expect(await desktopNotifications.requestPermission()).toBe('denied')
})

test('nothing is shown when permission was denied', () => {
  visibility = 'hidden'
  const { api, desktop } = fakeNotificationApi('denied')
  expect(useDesktopNotifications({ NotificationApi: api }).show(notification())).toBe(false)
  expect(desktop).toHaveLength(0)
})

test('turning desktop notifications off is remembered and respected', async () => {
  visibility = 'hidden'
  const { api, desktop } = fakeNotificationApi()
  const first = useDesktopNotifications({ NotificationApi: api })
  first.enabled.value = false
  await nextTick()
  const later = useDesktopNotifications({ NotificationApi: api })
  expect(later.enabled.value).toBe(false)
  expect(later.show(notification())).toBe(false)
  expect(desktop).toHaveLength(0)
})
