// The inbox as another app gets it from `tidings/element-plus`: no router, its query in a ref.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { NotificationInbox, parseInboxQuery, type InboxQuery } from 'tidings/element-plus'
import { notification, seed, useMswServer } from '../msw'
import { mountBare, unmountBare } from '../plugin/support'

useMswServer()

let wrapper: VueWrapper | undefined
afterEach(async () => {
  await unmountBare(wrapper)
  wrapper = undefined
})

/** An app page holding the inbox's query in a ref (v-model:query). */
const Page = defineComponent({
  setup() {
    const query = ref<InboxQuery>(parseInboxQuery({}))
    return () => h(NotificationInbox, { 'query': query.value, 'onUpdate:query': (next: InboxQuery) => { query.value = next } })
  },
})

function listedTitles(): string[] {
  return wrapper!.findAll('.notification-item__title').map(title => title.text())
}

describe('the inbox from tidings/element-plus in a bare app', () => {
  test('lists the inbox and follows a change of view through v-model:query, in Chinese', async () => {
    seed.notifications([
      notification({ title: '已读的', status: 'read' }),
      notification({ title: '未读的' }),
    ])
    wrapper = mountBare(Page, { locale: 'zh-CN' })
    await vi.waitFor(() => expect(listedTitles()).toEqual(['未读的', '已读的']), { timeout: 5000 })
    expect(wrapper.text()).toContain('全部标为已读')

    const unread = wrapper.findAll('.notification-filters label').find(option => option.text() === '未读')!
    await unread.get('input[type="radio"]').setValue(true)
    await flushPromises()
    await vi.waitFor(() => expect(listedTitles()).toEqual(['未读的']), { timeout: 5000 })
  })
})
