import { SignJWT } from 'jose'
import { afterEach, describe, expect, test } from 'vitest'
import {
  BEARER_SUBPROTOCOL_PREFIX,
  CloseCode,
  MessageType,
  Paths,
  SUBPROTOCOL,
  loginResponseSchema,
  type LoginResponse,
} from '../../src/protocol'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

const server = useTestServer()
const sockets: TestSocket[] = []
afterEach(() => closeAll(sockets))

function track(socket: TestSocket): TestSocket {
  sockets.push(socket)
  return socket
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

const badTokens: Record<string, () => Promise<string | null>> = {
  'missing': async () => null,
  'garbage': async () => 'not-a-jwt',
  'signed with another key': () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('admin')
    .setExpirationTime(inAnHour()).sign(new TextEncoder().encode('some-other-secret-some-other-secret')),
  'unsigned (alg: none)': async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'admin', exp: inAnHour() })}.`,
  'expired': () => server.current.issueToken('admin', { expiresInSec: -60 }),
  'for an unknown user': () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory')
    .setExpirationTime(inAnHour()).sign(new TextEncoder().encode(server.current.options.jwtSecret)),
}

describe('login', () => {
  test('logs a seeded user in and returns a bearer token with the user', async () => {
    const result = await api<LoginResponse>(server.current, 'POST', Paths.login, { body: { username: 'admin', password: 'admin123' } })
    expect(result.status).toBe(200)
    const data = loginResponseSchema.parse(result.body.data)
    expect(data).toMatchObject({ token_type: 'bearer', expires_in: 3600, user: { id: 'admin', username: 'admin', role: 'admin' } })
    expect(result.body.success).toBe(true)
  })

  test('gives plain users the user role', async () => {
    const result = await api<LoginResponse>(server.current, 'POST', Paths.login, { body: { username: 'user1', password: 'user123' } })
    expect(result.body.data?.user).toEqual({ id: 'user1', username: 'user1', role: 'user' })
  })

  test('refuses a wrong password with 401 and a clear message', async () => {
    const result = await api(server.current, 'POST', Paths.login, { body: { username: 'admin', password: 'nope' } })
    expect(result.status).toBe(401)
    expect(result.body).toMatchObject({ success: false, data: null, message: 'invalid username or password' })
  })

  test('answers a login body with wrong field types with 422 and broken JSON with 400', async () => {
    const wrongTypes = await api(server.current, 'POST', Paths.login, { body: { username: 42, password: true } })
    expect(wrongTypes.status).toBe(422)
    expect(wrongTypes.body.message).toContain('username')
    const broken = await api(server.current, 'POST', Paths.login, { rawBody: '{"username":' })
    expect(broken.status).toBe(400)
  })

  test('refresh turns a valid token into a new one that opens sockets', async () => {
    const token = await login(server.current, 'user1')
    const refreshed = await api<LoginResponse>(server.current, 'POST', Paths.refresh, { token })
    expect(refreshed.status).toBe(200)
    const newToken = refreshed.body.data!.access_token
    expect(newToken).not.toBe(token)
    const socket = track(await connect(wsUrl(server.current, Paths.notificationsSocket, newToken)))
    expect(socket.isOpen).toBe(true)
  })

  test('refresh without a token is 401', async () => {
    const result = await api(server.current, 'POST', Paths.refresh)
    expect(result.status).toBe(401)
    expect(result.headers.get('www-authenticate')).toBe('Bearer')
  })
})

describe('socket authentication', () => {
  test.each(Object.keys(badTokens))('closes with 4401 when the token is %s, and keeps serving others', async (kind) => {
    const token = await badTokens[kind]()
    const refused = track(new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect((await refused.closed).code).toBe(CloseCode.Unauthorized)
    expect(refused.all(MessageType.Connected)).toHaveLength(0)

    const accepted = track(await connect(wsUrl(server.current, Paths.notificationsSocket, await login(server.current, 'user2'))))
    expect(accepted.isOpen).toBe(true)
  })

  test('refuses the same bad tokens on the REST API with 401', async () => {
    for (const kind of Object.keys(badTokens)) {
      const result = await api(server.current, 'GET', Paths.notifications, { token: await badTokens[kind]() })
      expect(result.status, kind).toBe(401)
    }
  })

  test('accepts the token as a bearer subprotocol and selects tidings.v1', async () => {
    const token = await login(server.current, 'user1')
    const socket = track(await connect(wsUrl(server.current, Paths.notificationsSocket), {
      protocols: [SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${token}`],
    }))
    expect(socket.ws.protocol).toBe(SUBPROTOCOL)
    expect(socket.all(MessageType.Connected)[0].data.user_id).toBe('user1')
  })

  test('closes a socket with 4401 when its token expires', async () => {
    const token = await server.current.issueToken('user1', { expiresInSec: 1 })
    const socket = track(await connect(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
  })

  test('logout closes the sockets of that token with 4401 and leaves the user\'s other session open', async () => {
    const laptop = await login(server.current, 'user2')
    const phone = await login(server.current, 'user2')
    const laptopSocket = track(await connect(wsUrl(server.current, Paths.notificationsSocket, laptop)))
    const phoneSocket = track(await connect(wsUrl(server.current, Paths.notificationsSocket, phone)))

    const result = await api(server.current, 'POST', Paths.logout, { token: laptop })
    expect(result.status).toBe(200)
    expect((await laptopSocket.closed).code).toBe(CloseCode.Unauthorized)

    phoneSocket.send({ type: MessageType.Ping })
    await phoneSocket.next(MessageType.Pong)
    expect(phoneSocket.isOpen).toBe(true)
  })

  test('a logged-out token is refused afterwards by REST and by sockets', async () => {
    const token = await login(server.current, 'user1')
    await api(server.current, 'POST', Paths.logout, { token })
    expect((await api(server.current, 'GET', Paths.unreadCount, { token })).status).toBe(401)
    const socket = track(new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
  })
})
