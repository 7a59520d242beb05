import ConnectionIndicator from '@/components/layout/ConnectionIndicator.vue'
import { mountWithApp } from './support'

afterEach(() => {
  document.body.innerHTML = ''
})

function retryButton(wrapper: ReturnType<typeof mountWithApp>) {
  return wrapper.findAll('button').find(button => /Retry now|Use here|立即重试/.test(button.text()))
}

describe('ConnectionIndicator', () => {
  test('says live when the connection is open', () => {
    const wrapper = mountWithApp(ConnectionIndicator, { props: { status: 'open' } })
    expect(wrapper.text()).toContain('Live')
    expect(retryButton(wrapper)).toBeUndefined()
  })

  test('counts reconnect attempts while reconnecting', () => {
    const wrapper = mountWithApp(ConnectionIndicator, {
      props: { status: 'reconnecting', reconnectAttempts: 2, maxReconnectAttempts: 5 },
    })
    expect(wrapper.text()).toContain('Reconnecting (attempt 2 of 5)')
  })

  test('offline offers retry now and emits retry when clicked', async () => {
    const wrapper = mountWithApp(ConnectionIndicator, { props: { status: 'offline' } })
    expect(wrapper.text()).toContain('Offline')
    await retryButton(wrapper)!.trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  test('offers Retry now while waiting to reconnect', async () => {
    const wrapper = mountWithApp(ConnectionIndicator, { props: { status: 'reconnecting', reconnectAttempts: 6, maxReconnectAttempts: 10 } })
    await retryButton(wrapper)!.trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  test('says Offline (no network) when the browser has no network', () => {
    const wrapper = mountWithApp(ConnectionIndicator, { props: { status: 'no-network' } })
    expect(wrapper.text()).toContain('Offline (no network)')
    expect(wrapper.get('[role="status"]').text()).toBe('Connection: Offline (no network)')
  })

  test('tells the user when another window took the connection', () => {
    const wrapper = mountWithApp(ConnectionIndicator, { props: { status: 'replaced' } })
    expect(wrapper.text()).toContain('Opened in another window')
    expect(retryButton(wrapper)?.text()).toBe('Use here')
  })

  test('announces the state to screen readers in Chinese', () => {
    const wrapper = mountWithApp(ConnectionIndicator, { locale: 'zh-CN', props: { status: 'offline' } })
    expect(wrapper.get('[role="status"]').text()).toBe('连接状态：离线')
    expect(retryButton(wrapper)?.text()).toBe('立即重试')
  })

  test('mentions compatibility mode when the SSE stream carries the connection', () => {
    const wrapper = mountWithApp(ConnectionIndicator, { props: { status: 'open', transport: 'sse' } })
    expect(wrapper.text()).toContain('compatibility mode')
  })
})
