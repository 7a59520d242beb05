// The leak the source document was written to end: one Redis PubSub connection per SSE client. Here a
// thousand WebSocket and SSE clients come and go across two processes, and Redis sees the same two
// connections per process all along, and nothing left subscribed or recorded afterwards.
import { expect, test } from 'vitest'
import { MessageType } from '../../src/protocol'
import { clientNames, describeCluster, probeRedis, statsAt, useCluster } from './support/cluster'
import { connectAt } from './support/clients'
import { login } from './support/server'
import { openStream } from './support/sse'

const CYCLES = 1000
const IN_FLIGHT = 16

describeCluster('connect/disconnect churn across processes', () => {
  const cluster = useCluster({ processes: 2, frontPort: null, env: { WS_MAX_CONNECTIONS_PER_USER: '100', WS_MAX_CONNECTS_PER_USER_PER_SECOND: '1000' } })

  test('1,000 WebSocket and SSE clients coming and going leave exactly two Redis connections per process and nothing subscribed', { timeout: 90_000 }, async () => {
    const { servers, redis: redisServer } = cluster.current
    const users = ['admin', 'user1', 'user2']
    const tokens = await Promise.all(users.map(user => login(servers[0], user)))
    const redis = probeRedis(redisServer.url)
    try {
      const before = (await clientNames(redis)).sort()
      expect(before).toHaveLength(2 * servers.length)
      const idleChannels = (await redis.pubsub('CHANNELS', 'tidings:*') as string[]).sort()

      let next = 0
      const connectionCounts: number[] = []
      async function cycle(index: number): Promise<void> {
        const server = servers[index % servers.length]
        const token = tokens[index % tokens.length]
        if (index % 2 === 0) {
          const socket = await connectAt(server, token)
          await socket.close()
        }
        else {
          const stream = openStream(server, { token })
          await stream.next(MessageType.Connected)
          stream.close()
        }
        if (index % 100 === 0)
          connectionCounts.push((await clientNames(redis)).length)
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CYCLES)
          await cycle(next++)
      }))

      await expect.poll(async () => (await statsAt(servers[1])).instances.reduce((sum, instance) => sum + instance.total_connections + instance.sse_connections, 0), { timeout: 10_000 }).toBe(0)
      expect(connectionCounts.every(count => count === 2 * servers.length)).toBe(true)
      expect((await clientNames(redis)).sort()).toEqual(before)
      await expect.poll(async () => (await redis.pubsub('CHANNELS', 'tidings:*') as string[]).sort()).toEqual(idleChannels)
      expect(await statsAt(servers[0])).toMatchObject({ total_users: 0, total_connections: 0, users: {} })
      expect(await redis.zcard('tidings:conns:admin') + await redis.zcard('tidings:conns:user1') + await redis.zcard('tidings:conns:user2')).toBe(0)
    }
    finally {
      redis.disconnect()
    }
  })
})
