// Sign-in sessions: every token of one login shares a session id; logout ends the session (every token
// of it, every socket and stream of it closed with 4401), "sign out everywhere" ends all of the user's,
// and refreshing cannot keep a session alive past SESSION_TTL.
import { decodeJwt, SignJWT } from 'jose'
import { afterEach, describe, expect, test } from 'vitest'
import { CloseCode, MessageType, Paths, type LoginResponse, type TaskInfo } from '../../src/protocol'
import type { RunningServer } from '../../mock-server/app'
import { taskInput } from './support/factories'
import { api, login, refresh, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'
import { openStream, type TestStream } from './support/sse'

const sockets: TestSocket[] = []
const streams: TestStream[] = []
afterEach(async () => {
  streams.splice(0).forEach(stream => stream.close())
  await closeAll(sockets)
})

async function socketWith(server: RunningServer, token: string): Promise<TestSocket> {
  const socket = await connect(wsUrl(server, Paths.notificationsSocket, token))
  sockets.push(socket)
  return socket
}

async function streamWith(server: RunningServer, token: string): Promise<TestStream> {
  const stream = openStream(server, { token })
  streams.push(stream)
  await stream.next(MessageType.Connected)
  return stream
}

async function taskSocketWith(server: RunningServer, token: string): Promise<TestSocket> {
  const task = (await api<TaskInfo>(server, 'POST', Paths.tasks, { token, body: taskInput({ step_ms: 5000 }) })).body.data!
  const socket = new TestSocket(wsUrl(server, Paths.taskSocket(task.task_id), token))
  sockets.push(socket)
  await socket.next(MessageType.Progress)
  return socket
}

describe('logout', () => {
  const server = useTestServer()

  test('a token refreshed from A is refused after A\'s logout, and its socket, stream and task socket close with 4401', async () => {
    const first = await login(server.current, 'user1')
    const refreshed = await refresh(server.current, first)
    expect(decodeJwt(refreshed).sid).toBe(decodeJwt(first).sid)
    const socket = await socketWith(server.current, refreshed)
    const stream = await streamWith(server.current, refreshed)
    const taskSocket = await taskSocketWith(server.current, refreshed)

    expect((await api(server.current, 'POST', Paths.logout, { token: first })).status).toBe(200)

    expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
    expect((await taskSocket.closed).code).toBe(CloseCode.Unauthorized)
    await stream.waitUntil(() => stream.ended, 'the stream to end')
    expect((await api(server.current, 'GET', Paths.unreadCount, { token: refreshed })).status).toBe(401)
    expect((await api(server.current, 'POST', Paths.refresh, { token: refreshed })).status).toBe(401)
    const late = new TestSocket(wsUrl(server.current, Paths.notificationsSocket, refreshed))
    sockets.push(late)
    expect((await late.closed).code).toBe(CloseCode.Unauthorized)
  })

  test('refuses a token that names no session, since it could never be signed out', async () => {
    const sessionless = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('admin')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 3600).sign(new TextEncoder().encode(server.current.options.jwtSecret))
    const result = await api(server.current, 'GET', Paths.unreadCount, { token: sessionless })
    expect(result.status).toBe(401)
    expect(result.body.message).toBe('unauthorized: token has no session')
    const socket = new TestSocket(wsUrl(server.current, Paths.notificationsSocket, sessionless))
    sockets.push(socket)
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
  })
})

describe('sign out everywhere', () => {
  const server = useTestServer()

  test('POST /api/auth/logout_all closes the sockets of two different sessions and refuses their tokens, leaving other users alone', async () => {
    const laptop = await login(server.current, 'user2')
    const phone = await refresh(server.current, await login(server.current, 'user2'))
    const someoneElse = await login(server.current, 'user1')
    const laptopSocket = await socketWith(server.current, laptop)
    const phoneSocket = await socketWith(server.current, phone)
    const phoneStream = await streamWith(server.current, phone)
    const otherSocket = await socketWith(server.current, someoneElse)

    const result = await api<{ revoked_sessions: number, closed_connections: number }>(server.current, 'POST', Paths.logoutAll, { token: laptop })
    expect(result.status).toBe(200)
    expect(result.body.data).toEqual({ revoked_sessions: 2, closed_connections: 3 })

    expect((await laptopSocket.closed).code).toBe(CloseCode.Unauthorized)
    expect((await phoneSocket.closed).code).toBe(CloseCode.Unauthorized)
    await phoneStream.waitUntil(() => phoneStream.ended, 'the stream to end')
    for (const token of [laptop, phone]) {
      expect((await api(server.current, 'GET', Paths.unreadCount, { token })).status).toBe(401)
      expect((await api(server.current, 'POST', Paths.refresh, { token })).status).toBe(401)
    }
    otherSocket.send({ type: MessageType.Ping })
    await otherSocket.next(MessageType.Pong)
    expect(otherSocket.isOpen).toBe(true)
  })

  test('needs a valid token', async () => {
    expect((await api(server.current, 'POST', Paths.logoutAll)).status).toBe(401)
  })

  test('a new sign-in afterwards works as usual', async () => {
    const before = await login(server.current, 'admin')
    await api(server.current, 'POST', Paths.logoutAll, { token: before })
    const after = await login(server.current, 'admin')
    expect((await api(server.current, 'GET', Paths.unreadCount, { token: after })).status).toBe(200)
  })
})

describe('SESSION_TTL', () => {
  const SESSION_TTL = 4
  const server = useTestServer({ sessionTtlSec: SESSION_TTL })

  test('refresh cannot extend a session past its absolute end: tokens stop at it, then refresh is 401', async () => {
    const signedIn = await api<LoginResponse>(server.current, 'POST', Paths.login, { body: { username: 'user1', password: 'user123' } })
    const first = signedIn.body.data!.access_token
    expect(signedIn.body.data!.expires_in).toBeLessThanOrEqual(SESSION_TTL)
    const end = decodeJwt(first).iat! + SESSION_TTL
    expect(decodeJwt(first).exp).toBeLessThanOrEqual(end)

    // A second later, refreshing keeps the session but does not reach past its end.
    await new Promise(resolve => setTimeout(resolve, 1000))
    const refreshed = await refresh(server.current, first)
    expect(decodeJwt(refreshed).exp).toBeLessThanOrEqual(end)
    const socket = await socketWith(server.current, refreshed)

    // At the end the socket closes and no refresh brings the session back.
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
    await expect.poll(async () => (await api(server.current, 'POST', Paths.refresh, { token: refreshed })).status, { timeout: 5000 }).toBe(401)
  })
})

describe('an expired token', () => {
  const server = useTestServer({ tokenTtlSec: 1 })

  async function expired(): Promise<string> {
    const token = await login(server.current, 'user1')
    const exp = decodeJwt(token).exp!
    await new Promise(resolve => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 1100))
    expect((await api(server.current, 'GET', Paths.unreadCount, { token })).status).toBe(401)
    return token
  }

  test('refreshes while its session lives, so the app stays signed in past the token\'s lifetime', async () => {
    const old = await expired()
    const renewed = await refresh(server.current, old)
    expect(decodeJwt(renewed).sid).toBe(decodeJwt(old).sid)
    expect((await api(server.current, 'GET', Paths.unreadCount, { token: renewed })).status).toBe(200)
  })

  test('cannot refresh once its session was signed out', async () => {
    const old = await expired()
    const other = await refresh(server.current, old)
    expect((await api(server.current, 'POST', Paths.logout, { token: other })).status).toBe(200)
    expect((await api(server.current, 'POST', Paths.refresh, { token: old })).status).toBe(401)
  })
})
