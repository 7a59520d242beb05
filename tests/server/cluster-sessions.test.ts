// Sessions across processes: signing out on one process ends the session on every process (its sockets
// there close with 4401 and its tokens are refused), and "sign out everywhere" reaches every process.
import { expect, test } from 'vitest'
import { CloseCode, MessageType, Paths, type LoginResponse } from '../../src/protocol'
import { apiAt, describeCluster, loginAt, type Node, socketUrlAt, useClusterClients } from './support/cluster'
import { TestSocket } from './support/socket'

describeCluster('sessions on two processes behind one Redis', () => {
  const { cluster, a, b, socketOn, streamOn, closedAfterTest } = useClusterClients({ processes: 2, frontPort: null, startEmpty: true })

  async function refreshAt(node: Node, token: string): Promise<string> {
    const result = await apiAt<LoginResponse>(node, 'POST', Paths.refresh, { token })
    expect(result.status, result.body.message).toBe(200)
    return result.body.data!.access_token
  }

  test('logging out on A closes, on B, the sockets and streams of a token refreshed from the same session, and B refuses it', async () => {
    const signedIn = await loginAt(a(), 'user1')
    const refreshed = await refreshAt(b(), signedIn)
    const onB = await socketOn(b(), refreshed)
    const stream = streamOn(b(), refreshed)
    await stream.next(MessageType.Connected)

    expect((await apiAt(a(), 'POST', Paths.logout, { token: signedIn })).status).toBe(200)

    expect((await onB.closed).code).toBe(CloseCode.Unauthorized)
    await stream.waitUntil(() => stream.ended, 'the stream to end')
    expect((await apiAt(b(), 'GET', Paths.unreadCount, { token: refreshed })).status).toBe(401)
    expect((await apiAt(b(), 'POST', Paths.refresh, { token: refreshed })).status).toBe(401)
    const late = new TestSocket(socketUrlAt(b(), refreshed))
    closedAfterTest(late)
    expect((await late.closed).code).toBe(CloseCode.Unauthorized)
  })

  test('signing out everywhere on A closes the sockets of two sessions held by B', async () => {
    const laptop = await loginAt(a(), 'user2')
    const phone = await loginAt(b(), 'user2')
    const laptopOnB = await socketOn(b(), laptop)
    const phoneOnB = await socketOn(b(), phone)
    const phoneOnA = await socketOn(a(), phone)

    expect((await apiAt(a(), 'POST', Paths.logoutAll, { token: laptop })).status).toBe(200)

    for (const socket of [laptopOnB, phoneOnB, phoneOnA])
      expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
    expect((await apiAt(b(), 'GET', Paths.unreadCount, { token: phone })).status).toBe(401)
  })

  test('a sign-out made on A while Redis is down closes the session\'s socket on B once Redis is back', async () => {
    const signedIn = await loginAt(a(), 'user1')
    const onB = await socketOn(b(), signedIn)
    const { redis } = cluster.current

    await redis.stop()
    expect((await apiAt(a(), 'POST', Paths.logout, { token: signedIn })).status).toBe(200)
    await redis.restart()

    expect((await onB.closed).code).toBe(CloseCode.Unauthorized)
  })
})
