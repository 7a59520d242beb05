import { flushPromises } from '@vue/test-utils'
import { HttpResponse } from 'msw'
import { useAuthStore } from '@/stores/auth'
import { useWebSocketStore } from '@/stores/websocket'
import { on, seed, useMswServer } from '../msw'
import { Routes } from '../../src/protocol'
import { buttonNamed, mountApp, unmountApp } from './support'

const server = useMswServer()

afterEach(async () => {
  await unmountApp()
})

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], username: string, password: string) {
  await wrapper.get('input[name="username"]').setValue(username)
  await wrapper.get('input[name="password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

describe('the login page', () => {
  test('a signed-out visitor is sent to log in, and comes back where they were going', async () => {
    const { wrapper, router } = await mountApp('/tasks')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/tasks')

    await fillAndSubmit(wrapper, 'user1', 'user123')

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/tasks'), { timeout: 5000 }) // a real scrypt check, then a lazy route
    expect(useAuthStore().username).toBe('user1')
  })

  test('the socket connects right after login', async () => {
    const { wrapper } = await mountApp('/login')
    await fillAndSubmit(wrapper, 'admin', 'admin123')

    const socket = useWebSocketStore()
    await vi.waitFor(() => expect(socket.status).toBe('open'), { timeout: 5000 })
  })

  test('says clearly when the username or password is wrong', async () => {
    const { wrapper, router } = await mountApp('/login')
    await fillAndSubmit(wrapper, 'admin', 'wrong')

    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toBe('Wrong username or password'))
    expect(router.currentRoute.value.name).toBe('login')
  })

  test('the last attempt\'s error goes away on a new submit, even one with empty fields', async () => {
    const { wrapper } = await mountApp('/login')
    await fillAndSubmit(wrapper, 'admin', 'wrong')
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toBe('Wrong username or password'))

    await wrapper.get('input[name="username"]').setValue('')
    await wrapper.get('input[name="password"]').setValue('')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Enter your username'))
    expect(wrapper.text()).not.toContain('Wrong username or password')
  })

  test('says how long to wait when the server refuses further attempts (429)', async () => {
    server.use(on(Routes.login, () => HttpResponse.json(
      { success: false, data: null, message: 'too many failed sign-ins for this user name: try again in 840 seconds', timestamp: new Date().toISOString() },
      { status: 429, headers: { 'Retry-After': '840' } },
    )))
    const { wrapper, router } = await mountApp('/login')
    await fillAndSubmit(wrapper, 'admin', 'admin123')

    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toBe('Too many failed attempts. Try again in 14 minutes.'))
    expect(router.currentRoute.value.name).toBe('login')
    expect(useAuthStore().isAuthenticated).toBe(false)
  })

  test('asks for the fields it needs before calling the server', async () => {
    const { wrapper } = await mountApp('/login')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Enter your username'))
    expect(useAuthStore().isAuthenticated).toBe(false)
  })

  test('shows the demo accounts, and clicking one fills the form', async () => {
    const { wrapper } = await mountApp('/login')
    expect(wrapper.text()).toContain('admin/admin123')
    expect(wrapper.text()).toContain('user1/user123')
    expect(wrapper.text()).toContain('user2/user123')

    await buttonNamed(wrapper, /^user2\/user123/).trigger('click')
    expect((wrapper.get('input[name="username"]').element as HTMLInputElement).value).toBe('user2')
    expect((wrapper.get('input[name="password"]').element as HTMLInputElement).value).toBe('user123')
  })

  test('the fields are labelled', async () => {
    const { wrapper } = await mountApp('/login')
    for (const [name, label] of [['username', 'Username'], ['password', 'Password']]) {
      const id = wrapper.get(`input[name="${name}"]`).attributes('id')
      expect(wrapper.get(`label[for="${id}"]`).text()).toBe(label)
    }
  })

  test('renders the login page in Chinese', async () => {
    const { wrapper } = await mountApp('/login', { locale: 'zh-CN' })
    expect(wrapper.get('h1').text()).toBe('登录')
    expect(wrapper.text()).toContain('演示账号')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  test('never redirects to another site after login', async () => {
    const { wrapper, router } = await mountApp('/login?redirect=//evil.example/phish')
    await fillAndSubmit(wrapper, 'admin', 'admin123')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/notifications'))
  })

  test('a signed-in user visiting the login page goes straight on', async () => {
    seed.signedIn()
    const { router } = await mountApp('/login?redirect=/stats')
    expect(router.currentRoute.value.fullPath).toBe('/stats')
  })
})
