// Sessions across processes: signing out on one process ends the session on every process (its sockets
// there close with 4401 and its tokens are refused), and "sign out everywhere" reaches every process.
import { expect, test } from 'vitest'
import { CloseCode, Paths } from '../../src/protocol'
import type { ClusterProcess } from '../../deploy/cluster'
import { describeCluster, statsAt, useCluster } from './support/cluster'
import { useClients } from './support/clients'
import { api, login, refresh, wsUrl } from './support/server'
import { TestSocket } from './support/socket'

describeCluster('sessions on two processes behind one Redis', () => {
  const cluster = useCluster({ processes: 2, frontPort: null })
  const a = (): ClusterProcess => cluster.current.servers[0]
  const b = (): ClusterProcess => cluster.current.servers[1]
  const clients = useClients(async () => {
    await expect.poll(async () => (await statsAt(a())).total_connections).toBe(0)
  })

  test('logging out on A closes, on B, the sockets and streams of a token refreshed from the same session, and B refuses it', async () => {
    const signedIn = await login(a(), 'user1')
    const refreshed = await refresh(b(), signedIn)
    const onB = await clients.socketOn(b(), refreshed)
    const stream = clients.streamOn(b(), refreshed)
    await stream.next('connected')

    expect((await api(a(), 'POST', Paths.logout, { token: signedIn })).status).toBe(200)

    expect((await onB.closed).code).toBe(CloseCode.Unauthorized)
    await stream.waitUntil(() => stream.ended, 'the stream to end')
    expect((await api(b(), 'GET', Paths.unreadCount, { token: refreshed })).status).toBe(401)
    expect((await api(b(), 'POST', Paths.refresh, { token: refreshed })).status).toBe(401)
    const late = new TestSocket(wsUrl(b(), Paths.notificationsSocket, refreshed))
    clients.track(late)
    expect((await late.closed).code).toBe(CloseCode.Unauthorized)
  })

  test('signing out everywhere on A closes the sockets of two sessions held by B', async () => {
    const laptop = await login(a(), 'user2')
    const phone = await login(b(), 'user2')
    const laptopOnB = await clients.socketOn(b(), laptop)
    const phoneOnB = await clients.socketOn(b(), phone)
    const phoneOnA = await clients.socketOn(a(), phone)

    expect((await api(a(), 'POST', Paths.logoutAll, { token: laptop })).status).toBe(200)

    for (const socket of [laptopOnB, phoneOnB, phoneOnA])
      expect((await socket.closed).code).toBe(CloseCode.Unauthorized)
    expect((await api(b(), 'GET', Paths.unreadCount, { token: phone })).status).toBe(401)
  })

  test('a sign-out made on A while Redis is down closes the session\'s socket on B once Redis is back', async () => {
    const signedIn = await login(a(), 'user1')
    const onB = await clients.socketOn(b(), signedIn)
    const { redis } = cluster.current

    await redis.stop()
    expect((await api(a(), 'POST', Paths.logout, { token: signedIn })).status).toBe(200)
    await redis.restart()

    expect((await onB.closed).code).toBe(CloseCode.Unauthorized)
  })
})
