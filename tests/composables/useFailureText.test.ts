import { defineComponent, h } from 'vue'
import { useFailureText } from '../../src/i18n/useFailureText'
import { mountWithApp } from '../components/support'

/** Renders `failureText(key, error)` in English. */
function failureTextFor(key: string, error: unknown): string {
  const Probe = defineComponent({
    setup() {
      const failureText = useFailureText()
      return () => h('p', failureText(key, error))
    },
  })
  const wrapper = mountWithApp(Probe)
  const text = wrapper.text()
  wrapper.unmount()
  return text
}

test('a failed action tells the user what the server said', () => {
  expect(failureTextFor('tasks.startFailed', new Error('symbol must be six digits'))).toBe('Could not start the analysis: symbol must be six digits')
})

test('a failure without words of its own says something went wrong', () => {
  expect(failureTextFor('tasks.startFailed', 'not an Error')).toBe('Could not start the analysis: Something went wrong')
  expect(failureTextFor('tasks.startFailed', new Error(''))).toBe('Could not start the analysis: Something went wrong')
})
