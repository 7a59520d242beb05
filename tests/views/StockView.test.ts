import { seed, taskInfo, useMswServer } from '../msw'
import { mountApp, unmountApp } from './support'

useMswServer()

afterEach(async () => {
  await unmountApp()
})

describe('the stock page', () => {
  test('shows the latest completed analysis of the code', async () => {
    seed.signedIn()
    seed.task(taskInfo({ symbol: '000001', status: 'completed', step: 5, progress: 100, message: '分析完成', result: { recommendation: 'buy', score: 87 } }))
    const { wrapper } = await mountApp('/stocks/000001')

    await vi.waitFor(() => expect(wrapper.text()).toContain('Latest analysis'))
    expect(wrapper.get('h1').text()).toBe('Stock 000001')
    expect(wrapper.text()).toContain('recommendation')
    expect(wrapper.text()).toContain('buy')
    expect(wrapper.text()).toContain('87')
  })

  test('ignores analyses of other codes and failed ones', async () => {
    seed.signedIn()
    seed.task(taskInfo({ symbol: '600519', status: 'completed', progress: 100, result: { recommendation: 'sell' } }))
    seed.task(taskInfo({ symbol: '000001', status: 'error', error: 'timeout' }))
    const { wrapper } = await mountApp('/stocks/000001')

    await vi.waitFor(() => expect(wrapper.text()).toContain('No completed analysis for 000001 yet'))
    expect(wrapper.text()).not.toContain('sell')
  })

  test('the empty state links to starting an analysis of this code', async () => {
    seed.signedIn()
    const { wrapper, router } = await mountApp('/stocks/300750')
    await vi.waitFor(() => expect(wrapper.text()).toContain('No completed analysis for 300750 yet'))

    const link = wrapper.findAll('a').find(a => a.text() === 'Start an analysis')!
    expect(link.attributes('href')).toBe('/tasks?symbol=300750')
    await link.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/tasks?symbol=300750'))
  })

  test('says when the code is not a stock code', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/stocks/abc')
    expect(wrapper.text()).toContain('“abc” is not a stock code')
  })
})
