// tidings/server mounted in an Express app and in a Fastify app, as the README tells users to:
// the host keeps its routes and its 404, Tidings answers its REST routes, stream and socket.
import { readFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { defaultPreferences, MessageType, Paths, type Notification, type Preferences } from '../../src/protocol'
import type { TidingsUser } from 'tidings/server'
import { startExpressApp } from './support/express-app'
import { startFastifyApp } from './support/fastify-app'
import type { FrameworkApp } from './support/framework-app'
import { api, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'
import { openStream } from './support/sse'

const ALICE = 'app-session-alice'
const usersByToken = new Map<string, TidingsUser>([[ALICE, { id: 'alice', name: 'Alice' }]])

describe.each([
  { framework: 'Express', start: startExpressApp },
  { framework: 'Fastify', start: startFastifyApp },
])('Tidings in a $framework app', ({ start }) => {
  let app: FrameworkApp
  beforeAll(async () => {
    app = await start(usersByToken)
  })
  afterAll(() => app.close())
  const sockets: TestSocket[] = []
  afterEach(() => closeAll(sockets))

  test('the app\'s own routes keep answering, and a path Tidings does not own gets the app\'s own 404', async () => {
    const hello = await fetch(`${app.url}/hello`)
    expect(await hello.text()).toBe('hello from the app')
    const missing = await fetch(`${app.url}/api/not-tidings`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain(app.notFound)
  })

  test('Tidings\' REST routes answer a user the app\'s hook signs in, and refuse a token it does not know', async () => {
    const count = await api<{ count: number }>(app, 'GET', Paths.unreadCount, { token: ALICE })
    expect(count.status).toBe(200)
    expect(count.body.data).toEqual({ count: 0 })
    expect((await api(app, 'GET', Paths.unreadCount, { token: 'forged' })).status).toBe(401)
  })

  test('saving preferences works though the app parses JSON bodies itself', async () => {
    const saved = await api<Preferences>(app, 'PUT', Paths.preferences, { token: ALICE, body: { quiet_hours: { enabled: true } } })
    expect(saved.status).toBe(200)
    expect(saved.body.data!.quiet_hours).toEqual({ ...defaultPreferences().quiet_hours, enabled: true })
    const refused = await api(app, 'PUT', Paths.preferences, { token: ALICE, body: { quiet_hours: { start: 'noon' } } })
    expect(refused.status).toBe(422)
  })

  test('a body over Tidings\' 64 KiB limit is refused with 413, even when the app\'s parser would take it', async () => {
    const body = { quiet_hours: { enabled: false }, padding: 'x'.repeat(70 * 1024) }
    expect((await api(app, 'PUT', Paths.preferences, { token: ALICE, body })).status).toBe(413)
  })

  test('a notification published from the app\'s own route reaches the user\'s socket and stream', async () => {
    const socket = await connect(wsUrl(app, Paths.notificationsSocket, ALICE))
    sockets.push(socket)
    const stream = openStream(app, { token: ALICE })
    await stream.next(MessageType.Connected)
    const announced = await fetch(`${app.url}/announce`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: 'alice' }),
    })
    expect(announced.status).toBe(201)
    const [stored] = await announced.json() as Notification[]
    expect((await socket.next(MessageType.Notification)).data).toMatchObject({ id: stored!.id, title: 'Deploy finished' })
    expect((await stream.next(MessageType.Notification)).data).toMatchObject({ id: stored!.id })
    stream.close()
  })
})

describe('the README', () => {
  test.each(['express', 'fastify'])('shows the %s app these tests run, line for line', async (framework) => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const source = await readFile(new URL(`./support/${framework}-app.ts`, import.meta.url), 'utf8')
    const block = source.split(/\/\/ README: With \w+\n/)[1]!.split(/\n\s*\/\/ README: end/)[0]!
    const snippet = block.split('\n').filter(line => !line.includes('(tests only')).map(line => line.slice(2)).join('\n')
    expect(readme).toContain(snippet)
  })
})
