import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { TextKey, type Notification, type TextParams } from '@/protocol'
import { useNotificationText, useServerText } from 'tidings/element-plus'
import type { TidingsLocale } from 'tidings/vue'
import { tidingsContext } from '../plugin/support'

/** Runs `read` inside a component of the given language and returns what it rendered. */
function renderIn(locale: TidingsLocale, read: () => string): string {
  const wrapper = mount(defineComponent({ setup: () => () => h('p', read()) }), { global: { plugins: [tidingsContext(locale)] } })
  return wrapper.text()
}

function analysisFailed(params: TextParams): Pick<Notification, 'title' | 'content' | 'title_key' | 'content_key' | 'params'> {
  return {
    title: '分析失败',
    content: '000858 分析失败：获取行情数据失败：数据源响应超时（模拟故障）',
    title_key: TextKey.AnalysisFailedTitle,
    content_key: TextKey.AnalysisFailedContent,
    params,
  }
}

describe('server text by key', () => {
  test('a failed analysis notification reads in English, the failed step and the reason translated too', () => {
    const notification = analysisFailed({ symbol: '000858', step: '获取行情数据', step_key: 'step.fetch_quotes', reason: '…', reason_key: TextKey.TaskStepTimedOut })
    const text = renderIn('en', () => {
      const { title, content } = useNotificationText()
      return `${title(notification)} | ${content(notification)}`
    })
    expect(text).toBe('Analysis failed | Analysis of 000858 failed: Fetching quotes failed: the data source timed out (simulated fault)')
  })

  test('reads the same words as the server in Chinese', () => {
    const notification = analysisFailed({ symbol: '000858', step: '获取行情数据', step_key: 'step.fetch_quotes', reason: '…', reason_key: TextKey.TaskStepTimedOut })
    expect(renderIn('zh-CN', () => useNotificationText().content(notification))).toBe(notification.content)
  })

  test('falls back to the server\'s text for a key it does not know, or none', () => {
    expect(renderIn('en', () => useServerText()('notification.from_the_future.title', {}, '新消息'))).toBe('新消息')
    expect(renderIn('en', () => useServerText()(undefined, undefined, '系统维护通知'))).toBe('系统维护通知')
  })
})
