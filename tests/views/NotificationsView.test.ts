import { flushPromises } from '@vue/test-utils'
import { fail, notification, on, pushNotification, seed, useMswServer } from '../msw'
import { Routes } from '../../src/protocol'
import { buttonNamed, mountApp, unmountApp, waitForLive } from './support'

const server = useMswServer()

afterEach(async () => {
  await unmountApp()
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

/** Titles of the items in the inbox list, top to bottom. */
function listedTitles(wrapper: Wrapper): string[] {
  return wrapper.findAll('.inbox .notification-item__title').map(title => title.text())
}

async function chooseFilter(wrapper: Wrapper, label: string) {
  const option = wrapper.findAll('.notification-filters label').find(choice => choice.text() === label)
  if (!option)
    throw new Error(`no filter named ${label}`)
  await option.get('input[type="radio"]').setValue(true)
  await flushPromises()
}

describe('the notifications page', () => {
  test('lists the inbox newest first', async () => {
    seed.signedIn()
    seed.notifications([notification({ title: 'Older' }), notification({ title: 'Newer' })])
    const { wrapper } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Newer', 'Older']))
    expect(wrapper.text()).toContain('2 in total')
  })

  test('filters by view and type through the URL, and they survive a reload', async () => {
    seed.signedIn()
    seed.notifications([
      notification({ title: 'Unread alert', type: 'alert' }),
      notification({ title: 'Read alert', type: 'alert', status: 'read' }),
      notification({ title: 'Unread analysis', type: 'analysis' }),
    ])
    const first = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(first.wrapper)).toHaveLength(3))

    await chooseFilter(first.wrapper, 'Unread')
    await chooseFilter(first.wrapper, 'Alert')
    await vi.waitFor(() => expect(listedTitles(first.wrapper)).toEqual(['Unread alert']))
    const url = first.router.currentRoute.value.fullPath
    expect(first.router.currentRoute.value.query).toMatchObject({ view: 'unread', type: 'alert' })

    // A reload: a fresh app at the same URL.
    await unmountApp()
    const second = await mountApp(url)
    await vi.waitFor(() => expect(listedTitles(second.wrapper)).toEqual(['Unread alert']))
    const checked = second.wrapper.findAll('.notification-filters label')
      .filter(choice => choice.get<HTMLInputElement>('input[type="radio"]').element.checked)
      .map(choice => choice.text())
    expect(checked).toEqual(['Unread', 'Alert'])
  })

  test('pages through a long inbox with the page in the URL', async () => {
    seed.signedIn()
    seed.unread(45)
    const { wrapper, router } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toHaveLength(20))

    // The pager loads after the list.
    const pageThree = () => wrapper.findAll('.el-pager li').find(li => li.text() === '3')
    await vi.waitFor(() => expect(pageThree()).toBeDefined())
    await pageThree()!.trigger('click')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toHaveLength(5))
    expect(router.currentRoute.value.query.page).toBe('3')
  })

  test('new arrivals wait behind an "N new" pill so the list does not jump', async () => {
    seed.signedIn()
    seed.notifications([notification({ title: 'Already here' })])
    const { wrapper } = await mountApp('/notifications')
    await waitForLive()
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Already here']))

    pushNotification(notification({ title: 'Fresh one' }))
    pushNotification(notification({ title: 'Fresher one' }))

    await vi.waitFor(() => expect(wrapper.text()).toContain('Show 2 new notifications'))
    expect(listedTitles(wrapper)).toEqual(['Already here'])

    await buttonNamed(wrapper, 'Show 2 new notifications').trigger('click')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Fresher one', 'Fresh one', 'Already here']))
    expect(wrapper.text()).not.toContain('new notifications')
    // Focus lands on the newest row, not on <body>.
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Fresher one'))
  })

  test('an empty inbox shows arrivals at once: no pill covers the empty state', async () => {
    seed.signedIn()
    const { wrapper } = await mountApp('/notifications')
    await waitForLive()
    await vi.waitFor(() => expect(wrapper.text()).toContain('Inbox zero'))
    pushNotification(notification({ title: 'First of the day' }))
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['First of the day']))
    expect(wrapper.text()).not.toContain('new notification')
  })

  test('marks one read from the list', async () => {
    seed.signedIn()
    seed.notifications([notification({ title: 'Budget' })])
    const { wrapper } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Budget']))

    await buttonNamed(wrapper, 'Mark “Budget” as read').trigger('click')
    await flushPromises()

    expect(wrapper.find('.inbox .notification-item.is-unread').exists()).toBe(false)
  })

  test('deletes one from the list', async () => {
    seed.signedIn()
    seed.notifications([notification({ title: 'Keep' }), notification({ title: 'Drop' })])
    const { wrapper } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toHaveLength(2))

    await buttonNamed(wrapper, 'Delete “Drop”').trigger('click')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Keep']))
    await vi.waitFor(() => expect(wrapper.text()).toContain('1 in total'))
  })

  test('marks all read from the page header', async () => {
    seed.signedIn()
    seed.unread(3)
    const { wrapper } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toHaveLength(3))

    await wrapper.findAll('.inbox button').find(b => b.text() === 'Mark all read')!.trigger('click')
    await flushPromises()

    expect(wrapper.find('.inbox .notification-item.is-unread').exists()).toBe(false)
  })

  test('shows an error with a retry when the inbox cannot load', async () => {
    seed.signedIn()
    server.use(on(Routes.listNotifications, () => fail(500, 'database is locked'), { once: true }))
    seed.notifications([notification({ title: 'Back again' })])
    const { wrapper } = await mountApp('/notifications')

    await vi.waitFor(() => expect(wrapper.get('.inbox [role="alert"]').text()).toContain('database is locked'))
    await buttonNamed(wrapper, 'Retry').trigger('click')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Back again']))
  })

  test('says so when no notification matches the filters', async () => {
    seed.signedIn()
    seed.notifications([notification({ type: 'analysis' })])
    const { wrapper } = await mountApp('/notifications?type=system')
    await vi.waitFor(() => expect(wrapper.text()).toContain('No notifications match these filters'))
  })

  test('hostile content stays text on the page', async () => {
    seed.signedIn()
    seed.notifications([notification({ title: 'x', content: '<img src=x onerror="window.__pwned=1"><a href="javascript:alert(1)">go</a>' })])
    const { wrapper } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['x']))

    expect(document.querySelector('.inbox img')).toBeNull()
    expect(document.querySelector('.inbox a[href^="javascript"]')).toBeNull()
    expect(wrapper.get('.inbox .notification-item__content').text()).toContain('<img src=x')
  })
})
