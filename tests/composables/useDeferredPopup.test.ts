/* eslint-disable vue/one-component-per-file -- a popup and its trigger, each a few lines */
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { useDeferredPopup } from '@/composables/useDeferredPopup'
import { clearLoadFailure, currentLoadFailure } from '@/utils/lazyChunk'

const Popup = defineComponent({ props: { label: { type: String, default: '' } }, setup: props => () => h('div', { class: 'popup' }, props.label) })

/** A loader that fails its first `failures` calls, as a download does while the network is away. */
function flakyLoader(failures: number) {
  let calls = 0
  const load = () => {
    calls += 1
    return calls <= failures ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve({ default: Popup })
  }
  return { load, calls: () => calls }
}

function mountTrigger(load: () => Promise<{ default: typeof Popup }>, onFailure = () => {}) {
  return mount(defineComponent({
    setup() {
      const popup = useDeferredPopup(load, { onFailure })
      return () => h('span', [
        h('button', { onClick: () => popup.request() }, 'open'),
        popup.requested.value ? h(popup.component, { label: 'menu' }) : null,
      ])
    },
  }))
}

afterEach(() => clearLoadFailure())

describe('useDeferredPopup', () => {
  test('a popup whose code failed to load says so and downloads again on the next click', async () => {
    const loader = flakyLoader(1)
    const failures: string[] = []
    const wrapper = mountTrigger(loader.load, () => failures.push('closed'))

    await wrapper.get('button').trigger('click')
    await vi.waitFor(() => expect(currentLoadFailure.value).not.toBeNull())
    expect(failures).toEqual(['closed'])
    expect(wrapper.find('.popup').exists()).toBe(false)

    await wrapper.get('button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('.popup').text()).toBe('menu'))
    expect(loader.calls()).toBe(2)
    expect(currentLoadFailure.value).toBeNull()
  })

  test('a failed prefetch stays silent and the click downloads again', async () => {
    const loader = flakyLoader(1)
    let prefetch = () => {}
    const wrapper = mount(defineComponent({
      setup() {
        const popup = useDeferredPopup(loader.load)
        prefetch = popup.prefetch
        return () => h('span', [
          h('button', { onClick: () => popup.request() }, 'open'),
          popup.requested.value ? h(popup.component, { label: 'menu' }) : null,
        ])
      },
    }))
    prefetch()
    await nextTick()
    await Promise.resolve()
    expect(currentLoadFailure.value).toBeNull()

    await wrapper.get('button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('.popup').text()).toBe('menu'))
    expect(currentLoadFailure.value).toBeNull()
  })
})
