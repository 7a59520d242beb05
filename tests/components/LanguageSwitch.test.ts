import { h, ref } from 'vue'
import LanguageSwitch from '@/components/layout/LanguageSwitch.vue'
import type { AppLocale } from '@/i18n'
import { mountWithApp } from './support'

afterEach(() => {
  document.body.innerHTML = ''
})

function mountSwitch(initial: AppLocale = 'en') {
  const locale = ref<AppLocale>(initial)
  const wrapper = mountWithApp({
    render: () => h(LanguageSwitch, { 'modelValue': locale.value, 'onUpdate:modelValue': (next: AppLocale) => { locale.value = next } }),
  })
  return { wrapper, locale }
}

/** The menu's entries once its code has arrived and it is open. */
async function openEntries(wrapper: ReturnType<typeof mountSwitch>['wrapper']) {
  await wrapper.get('button').trigger('click')
  // The menu's code loads on first use: on a loaded machine that can take more than a second.
  await vi.waitFor(() => expect(wrapper.find('[role="menu"]').isVisible()).toBe(true), { timeout: 5000 })
  return wrapper.findAll('[role="menuitem"]')
}

describe('LanguageSwitch', () => {
  test('names the current language on its button before any menu code has loaded', () => {
    const { wrapper } = mountSwitch('zh-CN')
    expect(wrapper.get('button').attributes('aria-label')).toBe('Language: 简体中文')
    expect(wrapper.find('[role="menu"]').exists()).toBe(false)
  })

  test('the first click opens the menu, with each language named in itself and the current one marked', async () => {
    const { wrapper } = mountSwitch('en')
    const entries = await openEntries(wrapper)
    expect(entries.map(entry => [entry.text(), entry.attributes('lang'), entry.attributes('aria-current')])).toEqual([
      ['简体中文', 'zh-CN', undefined],
      ['English', 'en', 'true'],
    ])
  })

  test('choosing a language switches to it, and the next click closes the menu again', async () => {
    const { wrapper, locale } = mountSwitch('en')
    const entries = await openEntries(wrapper)
    await entries.find(entry => entry.text() === '简体中文')!.trigger('click')
    expect(locale.value).toBe('zh-CN')

    await vi.waitFor(() => expect(wrapper.find('[role="menu"]').isVisible()).toBe(false))
    await openEntries(wrapper)
    await wrapper.get('button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[role="menu"]').isVisible()).toBe(false))
  })
})
