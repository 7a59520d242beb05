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

  test('labels the analysis in the page language, with the change signed in percent and the rating as a badge', async () => {
    seed.signedIn()
    seed.task(taskInfo({ symbol: '000001', status: 'completed', step: 5, progress: 100, message: '分析完成', result: { symbol: '000001', name: '平安银行', rating: '卖出', score: 35, price: 1234.5, change_percent: -1.12, summary: '…' } }))
    const { wrapper } = await mountApp('/stocks/000001')

    await vi.waitFor(() => expect(wrapper.text()).toContain('Latest analysis'))
    const labels = wrapper.findAll('.el-descriptions__label').map(label => label.text())
    expect(labels).toEqual(['Name', 'Code', 'Rating', 'Score', 'Price', 'Change', 'Summary'])
    expect(wrapper.get('.task-result__change').text()).toContain('-1.12%')
    expect(wrapper.get('.task-result__change').classes()).toContain('is-down')
    expect(wrapper.get('.el-tag').text()).toBe('Sell')
    expect(wrapper.text()).toContain('1,234.50')
    expect(wrapper.text()).not.toContain('change_percent')
  })

  test('in Chinese the labels are Chinese and the rating is the server\'s word', async () => {
    seed.signedIn()
    seed.task(taskInfo({ symbol: '000001', status: 'completed', step: 5, progress: 100, result: { rating: '买入', change_percent: 2.5 } }))
    const { wrapper } = await mountApp('/stocks/000001', { locale: 'zh-CN' })

    await vi.waitFor(() => expect(wrapper.find('.task-result').exists()).toBe(true))
    expect(wrapper.findAll('.el-descriptions__label').map(label => label.text())).toEqual(['评级', '涨跌幅'])
    expect(wrapper.get('.task-result__change').text()).toContain('+2.50%')
    expect(wrapper.get('.el-tag').text()).toBe('买入')
  })

  test('has a way back to where the user came from', async () => {
    seed.signedIn()
    const { wrapper, router } = await mountApp('/tasks')
    await router.push('/stocks/000001')
    await vi.waitFor(() => expect(wrapper.find('.stock__back').exists()).toBe(true))
    const back = wrapper.get('.stock__back')
    expect(back.text()).toBe('Back')
    expect(back.attributes('href')).toBe('/tasks')
  })

  test('says when the code is not a stock code', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/stocks/abc')
    expect(wrapper.text()).toContain('“abc” is not a stock code')
  })
})
