import TaskProgressCard from '@/components/tasks/TaskProgressCard.vue'
import { TextKey } from '@/protocol'
import type { TaskView } from '@/stores/tasks'
import { mountWithApp } from './support'

afterEach(() => {
  document.body.innerHTML = ''
})

function taskView(overrides: Partial<TaskView> = {}): TaskView {
  return {
    task_id: 't-1',
    symbol: '000001',
    status: 'running',
    step: 2,
    total_steps: 5,
    progress: 40,
    message: '技术分析',
    startedAt: Date.parse('2026-01-01T00:00:00Z'),
    updatedAt: Date.parse('2026-01-01T00:00:02Z'),
    elapsedMs: 2000,
    remainingMs: 3000,
    ...overrides,
  }
}

describe('TaskProgressCard', () => {
  test('names the running step in English when the server sent its key', () => {
    const wrapper = mountWithApp(TaskProgressCard, { props: { task: taskView({ messageKey: 'step.technical' }) } })
    expect(wrapper.get('.task-card__message').text()).toBe('Technical analysis')
  })

  test('shows the server\'s text when it sent no key, or one the app does not know', () => {
    const plain = mountWithApp(TaskProgressCard, { props: { task: taskView() } })
    expect(plain.get('.task-card__message').text()).toBe('技术分析')
    const unknown = mountWithApp(TaskProgressCard, { props: { task: taskView({ messageKey: 'step.from_a_newer_server', message: '新步骤' }) } })
    expect(unknown.get('.task-card__message').text()).toBe('新步骤')
  })

  test('says in English which step failed and why', () => {
    const wrapper = mountWithApp(TaskProgressCard, {
      props: {
        task: taskView({
          status: 'error',
          message: '技术分析失败',
          error: '技术分析失败：数据源响应超时（模拟故障）',
          messageKey: TextKey.TaskStepFailed,
          errorKey: TextKey.TaskStepTimedOut,
          params: { step: '技术分析', step_key: 'step.technical', symbol: '000001' },
        }),
      },
    })
    expect(wrapper.get('.task-card__message').text()).toBe('Technical analysis failed')
    expect(wrapper.text()).toContain('Technical analysis failed: the data source timed out (simulated fault)')
  })
})
