// The preferences follow the notification connection without the socket store creating them: an app
// that never reads preferences fetches none, and one that does reads them on every open and takes the
// pushed ones, whether its preferences store was made before or after the socket opened.
import { Paths } from '../../src/protocol'
import { usePreferencesStore } from '../../src/stores/preferences'
import { useWebSocketStore } from '../../src/stores/websocket'
import { seed, server, useMswServer } from '../msw'
import { usePiniaPerTest } from './support'

useMswServer()
usePiniaPerTest()

/** The GET /api/preferences requests the page makes from now on. */
function preferenceReads(): { count: number } {
  const reads = { count: 0 }
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'GET' && new URL(request.url).pathname === Paths.preferences)
      reads.count++
  }
  server.events.on('request:start', listener)
  onTestFinished(() => server.events.removeListener('request:start', listener))
  return reads
}

async function saveElsewhere(token: string): Promise<void> {
  const response = await fetch(new URL(Paths.preferences, location.origin), {
    method: 'PUT',
    headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ types: { alert: { sound: true } } }),
  })
  expect(response.status).toBe(200)
}

test('an app that never reads preferences fetches none when its socket opens', async () => {
  const reads = preferenceReads()
  seed.signedIn('admin')
  const socket = useWebSocketStore()
  socket.connect()
  await vi.waitFor(() => expect(socket.connected).toBe(true))
  socket.disconnect()
  socket.connect()
  await vi.waitFor(() => expect(socket.connected).toBe(true))
  expect(reads.count).toBe(0)
})

test('a preferences store made after the socket opened has what was saved elsewhere, and reads them again on the next open', async () => {
  const token = seed.signedIn('admin')
  const socket = useWebSocketStore()
  socket.connect()
  await vi.waitFor(() => expect(socket.connected).toBe(true))
  await saveElsewhere(token)
  const reads = preferenceReads()
  const preferences = usePreferencesStore()
  await vi.waitFor(() => expect(preferences.preferences.types.alert.sound).toBe(true))
  expect(reads.count).toBe(1)
  socket.disconnect()
  socket.connect()
  await vi.waitFor(() => expect(reads.count).toBe(2))
})

test('a preferences store made before the socket opened takes the preferences another device pushes', async () => {
  const token = seed.signedIn('admin')
  const preferences = usePreferencesStore()
  const socket = useWebSocketStore()
  socket.connect()
  await vi.waitFor(() => expect(preferences.loaded).toBe(true))
  expect(preferences.preferences.types.alert.sound).toBe(false)
  await saveElsewhere(token)
  await vi.waitFor(() => expect(preferences.preferences.types.alert.sound).toBe(true))
})
