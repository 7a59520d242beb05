import { flushPromises } from '@vue/test-utils'
import { Paths, Routes } from '@/protocol'
import { useAuthStore } from '@/stores/auth'
import { useNotificationsStore } from '@/stores/notifications'
import { useWebSocketStore } from '@/stores/websocket'
import { http, HttpResponse } from 'msw'
import { fail, notification, notificationSocket, on, pushNotification, pushResync, seed, serverNotifications, socketSettings, useMswServer } from '../msw'
import { bellButton, buttonNamed, chooseLanguage, mountApp, quickRealtime, setPageVisibility, unmountApp, waitForLive } from './support'

const server = useMswServer()

/** Opens the account menu and clicks the entry with this text. */
async function chooseFromAccountMenu(wrapper: Parameters<typeof buttonNamed>[0], label: string): Promise<void> {
  await buttonNamed(wrapper, 'Account menu for admin').trigger('click')
  const entry = await vi.waitFor(() => {
    const item = [...document.querySelectorAll<HTMLElement>('.el-dropdown-menu__item')].find(candidate => candidate.textContent?.trim() === label)
    expect(item).toBeDefined()
    return item!
  })
  entry.click()
}

afterEach(async () => {
  setPageVisibility('visible')
  await unmountApp()
})

/** Opens the bell's menu (its code loads the first time) and waits until it shows. */
async function openBell(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  await bellButton(wrapper).trigger('click')
  await vi.waitFor(() => wrapper.get('.bell__panel'), { timeout: 5000 }) // the menu's code loads on first use
  await flushPromises()
}

/** What the badge shows ('' when it is hidden). */
function visibleBadge(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']): string {
  const badge = wrapper.find('.el-badge__content')
  return badge.exists() && badge.isVisible() ? badge.text() : ''
}

async function pushAndWait(item = notification()) {
  const pushed = pushNotification(item)
  const store = useNotificationsStore()
  await vi.waitFor(() => expect(store.byId(pushed.id)).toBeDefined())
  await flushPromises()
  return pushed
}

describe('the app shell', () => {
  test('the bell names the unread count, and it follows pushes', async () => {
    seed.signedIn()
    seed.unread(2)
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 2 unread')

    await pushAndWait()
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 3 unread')
    expect(visibleBadge(wrapper)).toBe('3')
  })

  test('a reload whose first request fails keeps the last known count on the badge, marked as maybe out of date', async () => {
    seed.signedIn()
    seed.unread(3)
    const first = await mountApp('/tasks')
    await waitForLive()
    await vi.waitFor(() => expect(bellButton(first.wrapper).attributes('aria-label')).toBe('Notifications, 3 unread'))
    await unmountApp()

    server.use(http.get('*/api/notifications*', () => HttpResponse.error()))
    socketSettings.sync = 'error' // nor over the socket
    const { wrapper } = await mountApp('/tasks') // its first sync cannot read the list
    await vi.waitFor(() => expect(wrapper.find('.connection-indicator[data-status="open"]').exists()).toBe(true))
    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 3 unread (may be out of date)'))
    expect(visibleBadge(wrapper)).toBe('3')

    server.resetHandlers()
    socketSettings.sync = 'answer'
    pushResync()
    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 3 unread'))
  })

  test('shows 99+ on the badge with 120 unread', async () => {
    seed.signedIn()
    seed.unread(120)
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    expect(visibleBadge(wrapper)).toBe('99+')
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 120 unread')
  })

  test('clicking an item in the bell marks it read and follows its in-app link', async () => {
    seed.signedIn()
    const [item] = seed.notifications([notification({ title: 'Analysis done', link: '/stocks/000001' })])
    const { wrapper, router } = await mountApp('/tasks')
    await waitForLive()
    await openBell(wrapper)

    await wrapper.get(`li[data-id="${item.id}"] .notification-item__open`).trigger('click')
    await flushPromises()

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/stocks/000001'))
    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, no unread'))
  })

  test('an http(s) link opens in a new tab and a javascript: link is ignored', async () => {
    seed.signedIn()
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const [external, hostile] = seed.notifications([
      notification({ title: 'External', link: 'https://example.com/report' }),
      notification({ title: 'Hostile', link: 'javascript:alert(1)' }),
    ])
    const { wrapper, router } = await mountApp('/tasks')
    await waitForLive()

    await openBell(wrapper)
    await wrapper.get(`li[data-id="${external.id}"] .notification-item__open`).trigger('click')
    expect(open).toHaveBeenCalledWith('https://example.com/report', '_blank', 'noopener,noreferrer')

    await openBell(wrapper)
    await wrapper.get(`li[data-id="${hostile.id}"] .notification-item__open`).trigger('click')
    await flushPromises()
    expect(open).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.fullPath).toBe('/tasks')
    open.mockRestore()
  })

  test('"mark all read" zeroes the badge', async () => {
    seed.signedIn()
    seed.unread(4)
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    await openBell(wrapper)

    await buttonNamed(wrapper, 'Mark all read').trigger('click')
    await flushPromises()

    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, no unread')
    expect(visibleBadge(wrapper)).toBe('')
  })

  test('"mark all read" rolls back and says so when the server fails', async () => {
    seed.signedIn()
    seed.unread(4)
    const { wrapper, pageText } = await mountApp('/tasks')
    await waitForLive()
    server.use(on(Routes.readAll, () => fail(500, 'database is locked')))
    await openBell(wrapper)

    await buttonNamed(wrapper, 'Mark all read').trigger('click')
    await flushPromises()

    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 4 unread')
    await vi.waitFor(() => expect(pageText()).toContain('Could not mark all as read: database is locked'))

    // The message offers Retry; the server has recovered.
    server.resetHandlers()
    const retry = await vi.waitFor(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('.action-toast__button')].find(b => b.textContent === 'Retry')
      if (!button)
        throw new Error('no Retry on the failure message')
      return button
    })
    retry.click()
    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, no unread'))
  })

  test('"mark all read" with the server out of reach applies at once and is sent when it is back', async () => {
    const token = seed.signedIn()
    seed.unread(3)
    const { wrapper, pageText } = await mountApp('/tasks')
    await waitForLive()
    server.use(on(Routes.readAll, () => HttpResponse.error()))
    await openBell(wrapper)
    await buttonNamed(wrapper, 'Mark all read').trigger('click')
    await vi.waitFor(() => expect(pageText()).toContain('it will reach the server when the connection is back'))
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, no unread')

    server.resetHandlers()
    socketSettings.sync = 'answer'
    pushResync() // what a reconnect does: the queued change goes first, then the resync
    await vi.waitFor(async () => expect((await serverNotifications(token)).every(n => n.status === 'read')).toBe(true))
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, no unread')
  })

  test('a notification the server stored but never pushed shows in the bell once the server asks for a resync', async () => {
    seed.signedIn()
    seed.unread(1)
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    const [missed] = seed.notifications([notification({ title: 'Lost between servers' })]) // stored, pushed to nobody

    pushResync()

    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 2 unread'))
    await openBell(wrapper)
    expect(wrapper.get(`li[data-id="${missed.id}"]`).text()).toContain('Lost between servers')
    expect(wrapper.findAll('.bell__panel li[data-id]')).toHaveLength(2)
  })

  test('a pushed notification toasts while the page is visible', async () => {
    seed.signedIn()
    const { pageText } = await mountApp('/tasks')
    await waitForLive()

    await pushAndWait(notification({ title: 'Price alert', content: '600519 fell 5%' }))

    await vi.waitFor(() => expect(document.querySelector('.el-notification')?.textContent).toContain('Price alert'))
    expect(pageText()).toContain('600519 fell 5%')
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('New notification: Price alert')
  })

  test('no toast covers the open bell menu: the arrival is in the menu and the badge moves', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    await openBell(wrapper)
    await pushAndWait(notification({ title: 'Seen in the menu' }))
    await vi.waitFor(() => expect(document.querySelector('.bell-popover')?.textContent).toContain('Seen in the menu'))
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 1 unread')
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('New notification: Seen in the menu')
    expect(document.querySelector('.el-notification')).toBeNull()
  })

  test('"View all" from the Unread tab opens the Unread view and says how many more are unread', async () => {
    seed.signedIn()
    seed.unread(25)
    const { wrapper, router } = await mountApp('/tasks')
    await waitForLive()
    await openBell(wrapper)
    await buttonNamed(wrapper, 'View all (5 more unread)').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/notifications?view=unread'))
  })

  test('a pushed notification does not toast while the page is hidden, but is still announced', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    setPageVisibility('hidden')

    await pushAndWait(notification({ title: 'While away' }))

    expect(document.querySelector('.el-notification')).toBeNull()
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('New notification: While away')
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 1 unread')
  })

  test('a burst of pushes makes one summary toast, not one per notification', async () => {
    seed.signedIn()
    await mountApp('/tasks')
    await waitForLive()

    for (let i = 0; i < 30; i++)
      pushNotification(notification({ title: `Burst ${i}` }))

    await vi.waitFor(() => expect(document.body.textContent).toContain('29 new notifications'), { timeout: 5000 })
    expect(document.querySelectorAll('.el-notification').length).toBeLessThanOrEqual(2)
  })

  test('hostile notification content stays text in the bell and the toast', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()

    await pushAndWait(notification({ title: '<img src=x onerror=alert(1)>', content: '<b>bold</b><script>alert(2)</script>' }))
    await openBell(wrapper)

    expect(document.querySelector('img[src="x"]')).toBeNull()
    expect(document.querySelector('.el-notification b, .notification-item b, script:not([src])')).toBeNull()
    expect(wrapper.get('.notification-item__title').text()).toBe('<img src=x onerror=alert(1)>')
  })

  test('the connection indicator says live once connected', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    expect(wrapper.get('.connection-indicator').text()).toContain('Live')
  })

  test('the connection indicator goes offline after failed attempts, and "retry now" reconnects', async () => {
    quickRealtime({ connection: { maxReconnectAttempts: 1 } })
    seed.signedIn()
    // The server is down: every socket closes at once.
    server.use(notificationSocket.addEventListener('connection', ({ client }) => client.close(1011, 'down')))
    const { wrapper } = await mountApp('/tasks')

    await vi.waitFor(() => expect(wrapper.get('.connection-indicator').text()).toContain('Offline'), { timeout: 5000 })

    server.resetHandlers()
    await buttonNamed(wrapper, 'Retry now').trigger('click')

    await vi.waitFor(() => expect(wrapper.get('.connection-indicator').text()).toContain('Live'), { timeout: 5000 })
  })

  test('the connection indicator follows the store through reconnecting and replaced', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    const socket = useWebSocketStore()

    socket.status = 'reconnecting'
    socket.reconnectAttempts = 2
    await flushPromises()
    expect(wrapper.get('.connection-indicator').text()).toContain(`Reconnecting (attempt 2 of ${socket.maxReconnectAttempts})`)

    socket.status = 'replaced'
    await flushPromises()
    expect(wrapper.get('.connection-indicator').text()).toContain('Opened in another window')
  })

  test('an unauthorized connection sends the user to sign in again', async () => {
    const token = seed.signedIn()
    seed.expire(token)
    seed.refuseRefresh()
    const { router, pageText } = await mountApp('/tasks')

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 })
    await flushPromises()
    expect(router.currentRoute.value.query.redirect).toBe('/tasks')
    expect(pageText()).toContain('Sign in')
  })

  test('signing out closes the socket and returns to the login page', async () => {
    seed.signedIn()
    const { wrapper, router } = await mountApp('/tasks')
    await waitForLive()

    await buttonNamed(wrapper, 'Account menu for admin').trigger('click')
    const signOut = await vi.waitFor(() => {
      const item = [...document.querySelectorAll<HTMLElement>('.el-dropdown-menu__item')].find(entry => entry.textContent?.includes('Sign out'))
      expect(item).toBeDefined()
      return item!
    })
    signOut.click()
    await flushPromises()

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    const socket = useWebSocketStore()
    expect(socket.ws).toBeNull()
    expect(socket.status).toBe('idle')
  })

  test('"Sign out everywhere" asks the server to end every session and returns to the login page', async () => {
    seed.signedIn()
    const calls: string[] = []
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname === Paths.logoutAll)
        calls.push(request.headers.get('authorization') ?? '')
    })
    const { wrapper, router } = await mountApp('/tasks')
    await waitForLive()
    const token = useAuthStore().token

    await chooseFromAccountMenu(wrapper, 'Sign out everywhere')
    await flushPromises()

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(calls).toEqual([`Bearer ${token}`])
    expect(useWebSocketStore().status).toBe('idle')
    // The user chose to leave: the login page must not say the session expired.
    expect(router.currentRoute.value.query.reason).toBeUndefined()
    server.events.removeAllListeners()
  })

  test('when "Sign out everywhere" fails the user stays signed in, is told why, and is live again', async () => {
    seed.signedIn()
    const { wrapper, router, pageText } = await mountApp('/tasks')
    await waitForLive()
    server.use(on(Routes.logoutAll, () => fail(503, 'database is busy')))

    await chooseFromAccountMenu(wrapper, 'Sign out everywhere')

    await vi.waitFor(() => expect(pageText()).toContain('database is busy'))
    expect(router.currentRoute.value.name).toBe('tasks')
    await waitForLive()
  })

  test('switching the language to Chinese renames the bell and sets <html lang>', async () => {
    seed.signedIn()
    seed.unread(3)
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()

    await chooseLanguage(wrapper, '简体中文')

    expect(bellButton(wrapper).attributes('aria-label')).toBe('通知，3 条未读')
    expect(document.documentElement.lang).toBe('zh-CN')
  })
})
