import ColorSchemeSwitch from '@/components/layout/ColorSchemeSwitch.vue'
import { chooseColorScheme, startColorScheme } from '@/utils/colorScheme'
import { mountWithApp } from './support'

/** A system colour preference that the test can flip, as the operating system would. */
function fakeSystemScheme(dark: boolean) {
  const listeners = new Set<() => void>()
  const query = {
    get matches() { return dark },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  }
  vi.stubGlobal('matchMedia', () => query)
  return {
    set(next: boolean) {
      dark = next
      listeners.forEach(listener => listener())
    },
  }
}

afterEach(() => {
  chooseColorScheme('system')
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
  document.documentElement.classList.remove('dark')
})

describe('ColorSchemeSwitch', () => {
  test('follows the system by default, also when it changes', () => {
    const system = fakeSystemScheme(true)
    startColorScheme()
    expect(document.documentElement.classList.contains('dark')).toBe(true)
    system.set(false)
    expect(document.documentElement.classList.contains('dark')).toBe(false)
  })

  test('choosing Dark darkens the page at once and is remembered; System goes back to following the system', async () => {
    fakeSystemScheme(false)
    startColorScheme()
    const wrapper = mountWithApp(ColorSchemeSwitch)
    expect(wrapper.get('button').attributes('aria-label')).toBe('Appearance: System')

    await wrapper.get('button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[role="menu"]').isVisible()).toBe(true))
    await wrapper.findAll('[role="menuitem"]').find(item => item.text() === 'Dark')!.trigger('click')

    expect(document.documentElement.classList.contains('dark')).toBe(true)
    expect(localStorage.getItem('tidings-color-scheme')).toBe('dark')
    await vi.waitFor(() => expect(wrapper.get('button').attributes('aria-label')).toBe('Appearance: Dark'))

    chooseColorScheme('system')
    expect(document.documentElement.classList.contains('dark')).toBe(false)
    expect(localStorage.getItem('tidings-color-scheme')).toBeNull()
  })
})
