// Preferences (SPEC §3.2, §3.3): defaults until saved, a PUT merges any part and answers the whole,
// every tab and device hears `preferences_updated`, bad values are refused with 422 naming the field.
import { describe, expect, test } from 'vitest'
import { defaultPreferences, MessageType, Paths, type Preferences } from '../../src/protocol'
import { useClients } from './support/clients'
import { api, login, useTestServer } from './support/server'

const server = useTestServer()
const clients = useClients()

function save(token: string, body: unknown) {
  return api<Preferences>(server.current, 'PUT', Paths.preferences, { token, body })
}

describe('preferences', () => {
  test('a user who never saved any gets every channel on except sound, and quiet hours off from 22:00 to 08:00', async () => {
    const token = await login(server.current, 'user2')
    const result = await api<Preferences>(server.current, 'GET', Paths.preferences, { token })
    expect(result.body.data).toEqual(defaultPreferences())
    expect(result.body.data!.types.alert).toEqual({ toast: true, desktop: true, sound: false })
    expect(result.body.data!.quiet_hours).toEqual({ enabled: false, start: '22:00', end: '08:00', time_zone: null, allow_alerts: true })
  })

  test('saving a part keeps the rest, answers the whole, and reaches every socket and stream of the user only', async () => {
    const token = await login(server.current, 'user1')
    const socket = await clients.socketOn(server.current, token)
    const stream = clients.streamOn(server.current, token)
    await stream.next(MessageType.Connected)
    const other = await clients.socketOn(server.current, await login(server.current, 'admin'))

    const result = await save(token, { types: { system: { desktop: false } }, quiet_hours: { enabled: true, time_zone: 'Asia/Shanghai' } })
    expect(result.status).toBe(200)
    const expected = defaultPreferences()
    expected.types.system.desktop = false
    expected.quiet_hours = { ...expected.quiet_hours, enabled: true, time_zone: 'Asia/Shanghai' }
    expect(result.body.data).toEqual(expected)
    expect((await socket.next(MessageType.PreferencesUpdated)).data).toEqual({ preferences: expected })
    expect((await stream.next(MessageType.PreferencesUpdated)).data).toEqual({ preferences: expected })

    const again = await save(token, { quiet_hours: { start: '23:30' } })
    expect(again.body.data!.quiet_hours).toEqual({ ...expected.quiet_hours, start: '23:30' })
    expect(again.body.data!.types.system.desktop).toBe(false)
    expect((await api<Preferences>(server.current, 'GET', Paths.preferences, { token })).body.data).toEqual(again.body.data)
    expect(other.all(MessageType.PreferencesUpdated)).toEqual([])
  })

  test.each([
    ['a time that is not HH:MM', { quiet_hours: { start: '7:00' } }, /^quiet_hours\.start: /],
    ['an hour past 23', { quiet_hours: { end: '24:00' } }, /^quiet_hours\.end: /],
    ['an unknown time zone', { quiet_hours: { time_zone: 'Mars/Olympus_Mons' } }, /^quiet_hours\.time_zone: /],
    ['an unknown notification type', { types: { promo: { toast: false } } }, /^types: .*promo/],
    ['an unknown channel', { types: { alert: { email: true } } }, /^types\.alert: .*email/],
  ])('%s is refused with 422 naming the field, and nothing is saved', async (_what, body, field) => {
    const token = await login(server.current, 'admin')
    const before = (await api<Preferences>(server.current, 'GET', Paths.preferences, { token })).body.data
    const result = await save(token, body)
    expect(result.status).toBe(422)
    expect(result.body.message).toMatch(field)
    expect((await api<Preferences>(server.current, 'GET', Paths.preferences, { token })).body.data).toEqual(before)
  })
})
