import { flushPromises } from '@vue/test-utils'
import TaskStartForm from '@/components/tasks/TaskStartForm.vue'
import { mountWithApp } from './support'

afterEach(() => {
  document.body.innerHTML = ''
})

async function typeSymbol(wrapper: ReturnType<typeof mountWithApp>, value: string) {
  const input = wrapper.get('input[inputmode="numeric"]')
  await input.setValue(value)
}

async function submit(wrapper: ReturnType<typeof mountWithApp>) {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

describe('TaskStartForm', () => {
  test('starts an analysis of a six-digit stock code', async () => {
    const wrapper = mountWithApp(TaskStartForm)
    await typeSymbol(wrapper, '000001')
    await submit(wrapper)
    expect(wrapper.emitted('submit')).toEqual([[{ symbol: '000001' }]])
  })

  test('refuses a code that is not six digits and says why', async () => {
    const wrapper = mountWithApp(TaskStartForm)
    await typeSymbol(wrapper, '12ab')
    await submit(wrapper)
    expect(wrapper.emitted('submit')).toBeUndefined()
    // Element Plus shows the message after a short debounce.
    await vi.waitFor(() => expect(wrapper.text()).toContain('A stock code is six digits'))
  })

  test('asks for a failure at a chosen step when simulating one', async () => {
    const wrapper = mountWithApp(TaskStartForm)
    await typeSymbol(wrapper, '600519')
    await wrapper.get('[role="switch"]').trigger('click')
    await submit(wrapper)
    const [[request]] = wrapper.emitted('submit') as [[{ symbol: string, fail_at_step?: number }]]
    expect(request.symbol).toBe('600519')
    expect(request.fail_at_step).toBeGreaterThanOrEqual(1)
  })

  test('the stock code field is labelled', async () => {
    const wrapper = mountWithApp(TaskStartForm)
    await flushPromises()
    const input = wrapper.get('input[inputmode="numeric"]')
    const label = wrapper.find(`label[for="${input.attributes('id')}"]`)
    expect(label.text()).toBe('Stock code')
  })
})
