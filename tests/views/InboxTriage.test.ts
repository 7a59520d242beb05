// Triage on the notifications page (SPEC §3.4) against the server's own triage handlers in msw:
// views, search, day groups, done and delete with Undo, bulk actions and keyboard triage.
import { flushPromises } from '@vue/test-utils'
import { notification, seed, serverNotifications, useMswServer } from '../msw'
import { buttonNamed, mountApp, quickRealtime, unmountApp, waitForLive } from './support'

useMswServer()

afterEach(async () => {
  vi.useRealTimers()
  await unmountApp()
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

function listedTitles(wrapper: Wrapper): string[] {
  return wrapper.findAll('.inbox .notification-item__title').map(title => title.text())
}

/** Clicks Undo on the latest toast (toasts live in <body>, outside the app's root, and load on first use). */
async function clickUndo(): Promise<void> {
  const button = await vi.waitFor(() => {
    const last = [...document.querySelectorAll<HTMLButtonElement>('.action-toast__button')].at(-1)
    if (!last)
      throw new Error('no Undo toast on the page')
    return last
  })
  button.click()
}

function press(key: string, target: EventTarget = document.body) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
}

async function openInbox(titles: string[], path = '/notifications') {
  const token = seed.signedIn()
  const stored = seed.notifications(titles.map(title => notification({ title })))
  const app = await mountApp(path)
  await waitForLive()
  await vi.waitFor(() => expect(listedTitles(app.wrapper)).toHaveLength(titles.length))
  return { ...app, token, stored }
}

describe('views', () => {
  test('done takes an item out of the inbox at once, into Done; Undo brings it back unread', async () => {
    const { wrapper, token } = await openInbox(['Keep', 'Finish'])
    await buttonNamed(wrapper, 'Mark “Finish” done').trigger('click')
    expect(listedTitles(wrapper)).toEqual(['Keep'])
    await vi.waitFor(async () => expect((await serverNotifications(token)).find(n => n.title === 'Finish')?.archived).toBe(true))

    await clickUndo()
    await vi.waitFor(async () => expect((await serverNotifications(token)).find(n => n.title === 'Finish')).toMatchObject({ archived: false, status: 'unread' }))
  })

  test('the Done and Snoozed views list what left the inbox, and Move to inbox returns it', async () => {
    const { wrapper, router } = await openInbox(['Report'])
    await buttonNamed(wrapper, 'Mark “Report” done').trigger('click')
    await router.push('/notifications?view=done')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Report']))
    await buttonNamed(wrapper, 'Move “Report” back to the inbox').trigger('click')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual([]))
    await router.push('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Report']))
  })

  test('search waits for the typing to stop, asks the server and keeps the words in the URL', async () => {
    const { wrapper, router } = await openInbox(['Quarterly revenue', 'Server restarted', 'Quarterly costs'])
    const input = wrapper.get('input[type="search"]')
    await input.setValue('quarter')
    expect(router.currentRoute.value.query.q).toBeUndefined() // not yet: the user may still be typing
    await vi.waitFor(() => expect(router.currentRoute.value.query.q).toBe('quarter'))
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Quarterly costs', 'Quarterly revenue']))
  })

  test('items are listed under Today and earlier days', async () => {
    const token = seed.signedIn()
    seed.notifications([
      notification({ title: 'Last week', created_at: new Date(Date.now() - 7 * 86_400_000).toISOString() }),
      notification({ title: 'This morning', created_at: new Date().toISOString() }),
    ])
    void token
    const { wrapper } = await mountApp('/notifications')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toHaveLength(2))
    const headings = wrapper.findAll('.notification-list__heading').map(h => h.text())
    expect(headings[0]).toBe('Today')
    expect(headings).toHaveLength(2)
  })
})

describe('delete and bulk actions', () => {
  test('an undone delete never reaches the server', async () => {
    quickRealtime({ undoMs: 300 })
    const { wrapper, token } = await openInbox(['Mistake'])
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await buttonNamed(wrapper, 'Delete “Mistake”').trigger('click')
    expect(listedTitles(wrapper)).toEqual([])
    await clickUndo()
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Mistake']))
    await vi.advanceTimersByTimeAsync(1000) // well past the undo window
    vi.useRealTimers()
    expect((await serverNotifications(token)).map(n => n.title)).toEqual(['Mistake'])
  })

  test('a delete not undone is sent when its window closes', async () => {
    quickRealtime({ undoMs: 200 })
    const { wrapper, token } = await openInbox(['Old'])
    await buttonNamed(wrapper, 'Delete “Old”').trigger('click')
    expect(await serverNotifications(token)).toHaveLength(1) // still the undo window
    await vi.waitFor(async () => expect(await serverNotifications(token)).toHaveLength(0))
  })

  test('select all on the page and mark done: every row leaves, and the badge follows', async () => {
    const { wrapper, pinia, token } = await openInbox(['One', 'Two', 'Three'])
    await wrapper.get('.inbox__select-page input').setValue(true)
    expect(wrapper.text()).toContain('3 selected')
    await wrapper.findAll('.bulk-bar button').find(b => b.text() === 'Done')!.trigger('click')
    expect(listedTitles(wrapper)).toEqual([])
    await vi.waitFor(async () => expect((await serverNotifications(token)).every(n => n.archived)).toBe(true))
    const { useNotificationsStore } = await import('@/stores/notifications')
    expect(useNotificationsStore(pinia).unreadCount).toBe(0)
  })
})

describe('keyboard triage', () => {
  test('j moves, e marks done, x selects, # deletes the selection, ? lists the keys', async () => {
    quickRealtime({ undoMs: 100 })
    const { wrapper, token } = await openInbox(['A', 'B', 'C', 'D'])
    press('j') // onto the newest (D)
    press('e')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['C', 'B', 'A']))
    press('x') // the cursor moved to C
    press('j')
    press('x') // and B
    await flushPromises()
    expect(wrapper.text()).toContain('2 selected')
    press('#')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['A']))
    await vi.waitFor(async () => expect((await serverNotifications(token)).map(n => n.title).sort()).toEqual(['A', 'D']))

    press('?')
    await vi.waitFor(() => expect(document.body.textContent).toContain('Keyboard shortcuts'))
  })

  test('keys typed into the search box stay text: nothing is triaged', async () => {
    const { wrapper } = await openInbox(['Alpha', 'Beta'])
    press('/')
    const input = wrapper.get('input[type="search"]').element as HTMLInputElement
    await vi.waitFor(() => expect(document.activeElement).toBe(input))
    for (const key of ['j', 'e', 'x', '#'])
      press(key, input)
    await flushPromises()
    expect(listedTitles(wrapper)).toEqual(['Beta', 'Alpha'])
    expect(wrapper.text()).not.toContain('selected')
  })

  test('z undoes the last done', async () => {
    const { wrapper } = await openInbox(['Only'])
    press('j')
    press('e')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual([]))
    press('z')
    await vi.waitFor(() => expect(listedTitles(wrapper)).toEqual(['Only']))
  })
})
