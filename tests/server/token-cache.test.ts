// Tokens are checked cryptographically once and then remembered by their text (mock-server/auth/
// verified-tokens.ts), so reconnects and API calls skip the HMAC. Remembering must not stretch a token:
// a signed-out session, an expired token and a forged one are refused exactly as before.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { CloseCode, MessageType, Paths } from '../../src/protocol'
import { createTokenService } from '../../mock-server/auth/jwt'
import { seedUsers } from '../../mock-server/auth/users'
import { api, login, useTestServer, wsUrl } from './support/server'
import { closeAll, connect, TestSocket } from './support/socket'

describe('a token the server has already accepted', () => {
  const server = useTestServer()
  const sockets: TestSocket[] = []
  afterEach(() => closeAll(sockets))
  const track = (socket: TestSocket) => (sockets.push(socket), socket)

  test('opens a socket again, and is refused at once by sockets and REST after its session signs out', async () => {
    const token = await login(server.current, 'user1')
    track(await connect(wsUrl(server.current, Paths.notificationsSocket, token)))
    const again = track(await connect(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect(again.all(MessageType.Connected)).toHaveLength(1)

    expect((await api(server.current, 'POST', Paths.logout, { token })).status).toBe(200)

    const late = track(new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect((await late.closed).code).toBe(CloseCode.Unauthorized)
    expect(late.all(MessageType.Connected)).toHaveLength(0)
    expect((await api(server.current, 'GET', Paths.unreadCount, { token })).status).toBe(401)
  })

  test('cannot open a socket once it has expired', async () => {
    const token = await server.current.issueToken('user2', { expiresInSec: 3 })
    // Accepted (and remembered) now, closed when the token expires — or, on a machine too slow to open
    // it within 3 s, refused outright: either way the server's verdict is "unauthorized".
    const first = track(new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect((await first.closed).code).toBe(CloseCode.Unauthorized)

    const late = track(new TestSocket(wsUrl(server.current, Paths.notificationsSocket, token)))
    expect((await late.closed).code).toBe(CloseCode.Unauthorized)
    expect(late.all(MessageType.Connected)).toHaveLength(0)
  })
})

describe('token checks on a clock', () => {
  const secret = 'a-test-secret-of-at-least-thirty-two-bytes'
  const session = (sid: string) => ({ sid, expiresAtSec: Math.floor(Date.now() / 1000) + 3600 })
  afterEach(() => {
    vi.useRealTimers()
  })

  test('a remembered token is expired in the same second jose would call it expired', async () => {
    await seedUsers()
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-30T08:00:00.000Z') })
    const tokens = createTokenService(secret, async () => false)
    const { token } = await tokens.issue('user1', session('s1'), 60)
    expect((await tokens.verify(token)).ok).toBe(true)

    vi.setSystemTime(new Date('2026-11-30T08:00:59.999Z'))
    expect((await tokens.verify(token)).ok).toBe(true)
    vi.setSystemTime(new Date('2026-11-30T08:01:00.000Z'))
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'token expired' })
  })

  test('refresh still takes a remembered token within its grace after expiry, and not beyond', async () => {
    await seedUsers()
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-30T08:00:00.000Z') })
    const tokens = createTokenService(secret, async () => false)
    const { token } = await tokens.issue('user1', session('s2'), 60)
    expect((await tokens.verify(token)).ok).toBe(true)

    vi.setSystemTime(new Date('2026-11-30T08:02:00.000Z'))
    expect((await tokens.verify(token, { expiredFor: 120 })).ok).toBe(true)
    expect((await tokens.verify(token)).ok).toBe(false)
    vi.setSystemTime(new Date('2026-11-30T08:03:00.000Z'))
    expect(await tokens.verify(token, { expiredFor: 120 })).toEqual({ ok: false, reason: 'token expired' })
  })

  test('a session revoked after its token was remembered is refused on the next check', async () => {
    await seedUsers()
    const revoked = new Set<string>()
    const tokens = createTokenService(secret, async sid => revoked.has(sid))
    const { token } = await tokens.issue('user2', session('s3'), 600)
    expect((await tokens.verify(token)).ok).toBe(true)
    revoked.add('s3')
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'signed out' })
  })

  test('a remembered token with its signature altered is refused', async () => {
    await seedUsers()
    const tokens = createTokenService(secret, async () => false)
    const { token } = await tokens.issue('user1', session('s4'), 600)
    expect((await tokens.verify(token)).ok).toBe(true)
    const signature = token.slice(token.lastIndexOf('.') + 1)
    const altered = `${token.slice(0, token.lastIndexOf('.') + 1)}${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`
    expect(await tokens.verify(altered)).toEqual({ ok: false, reason: 'invalid token' })
  })
})
