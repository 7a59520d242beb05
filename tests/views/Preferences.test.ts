// Preferences (SPEC §3.2): saved to the server from the settings page, applied at once wherever the
// user is signed in (the server's `preferences_updated` push), and obeyed by toasts — never by the
// inbox or the badge. Against the server's own preference handlers in msw.
import { flushPromises } from '@vue/test-utils'
import { Paths, type PreferencesPatch } from '@/protocol'
import { notification, pushNotification, seed, useMswServer } from '../msw'
import { bellButton, mountApp, unmountApp, waitForLive } from './support'

useMswServer()

afterEach(async () => {
  await unmountApp()
})

/** Saves preferences the way another device would: a PUT with the user's token. */
async function saveElsewhere(token: string, patch: PreferencesPatch): Promise<void> {
  const response = await fetch(new URL(Paths.preferences, location.origin), {
    method: 'PUT',
    headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  })
  expect(response.status).toBe(200)
}

async function storedPreferences(token: string) {
  const response = await fetch(new URL(Paths.preferences, location.origin), { headers: { Authorization: `Bearer ${token}` } })
  return (await response.json()).data
}

/** Quiet hours around the current UTC time, so "now" is quiet. */
function quietNow(): PreferencesPatch['quiet_hours'] {
  const hour = new Date().getUTCHours()
  const clock = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`
  return { enabled: true, start: clock(hour - 1), end: clock(hour + 2), time_zone: 'UTC', allow_alerts: true }
}

function toastTitles(): string[] {
  return [...document.querySelectorAll('.el-notification__title')].map(title => title.textContent ?? '')
}

describe('preferences', () => {
  test('a channel switched off on the settings page is saved on the server', async () => {
    const token = seed.signedIn()
    const { wrapper } = await mountApp('/settings')
    await waitForLive()
    const box = wrapper.get('input[aria-label="Pop-up for Analysis"]')
    expect((box.element as HTMLInputElement).checked).toBe(true)
    await box.setValue(false)
    await vi.waitFor(async () => expect((await storedPreferences(token)).types.analysis.toast).toBe(false))
    // The first save also names the browser's zone for quiet hours.
    expect((await storedPreferences(token)).quiet_hours.time_zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  test('a change saved on another device shows here at once', async () => {
    const token = seed.signedIn()
    const { wrapper } = await mountApp('/settings')
    await waitForLive()
    await saveElsewhere(token, { types: { alert: { sound: true } } })
    await vi.waitFor(() => expect((wrapper.get('input[aria-label="Sound for Alert"]').element as HTMLInputElement).checked).toBe(true))
  })

  test('during quiet hours an analysis does not pop up but an alert does; both are in the badge', async () => {
    const token = seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    await saveElsewhere(token, { quiet_hours: quietNow() })
    await flushPromises()

    pushNotification(notification({ title: 'Quiet analysis', type: 'analysis' }))
    await vi.waitFor(() => expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 1 unread'))
    // Toasts come in arrival order: once the alert's is up, the analysis' would have been first.
    pushNotification(notification({ title: 'Loud alert', type: 'alert' }))
    await vi.waitFor(() => expect(toastTitles()).toContain('Loud alert'))
    expect(toastTitles()).not.toContain('Quiet analysis')
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 2 unread')
  })

  test('a type whose pop-ups are off never toasts, day or night', async () => {
    const token = seed.signedIn()
    const { wrapper } = await mountApp('/tasks')
    await waitForLive()
    await saveElsewhere(token, { types: { system: { toast: false } } })
    await flushPromises()
    pushNotification(notification({ title: 'Maintenance', type: 'system' }))
    pushNotification(notification({ title: 'Price alert', type: 'alert' }))
    await vi.waitFor(() => expect(toastTitles()).toEqual(['Price alert']))
    expect(bellButton(wrapper).attributes('aria-label')).toBe('Notifications, 2 unread')
  })
})
