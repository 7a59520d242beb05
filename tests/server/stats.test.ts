import { describe, expect, test } from 'vitest'
import { MessageType, Paths, statsSchema } from '../../src/protocol'
import type { ConnectionStats } from '../../mock-server/connections/registry'
import { useClients } from './support/clients'
import { taskInput } from './support/factories'
import { api, login, useTestServer, wsUrl } from './support/server'
import { TestSocket } from './support/socket'

const server = useTestServer()
const clients = useClients()

async function stats(): Promise<ConnectionStats> {
  const response = await fetch(`${server.current.url}${Paths.stats}`)
  expect(response.status).toBe(200)
  return response.json() as Promise<ConnectionStats>
}

async function open(username: string): Promise<TestSocket> {
  return clients.socketOn(server.current, await login(server.current, username))
}

describe('GET /api/ws/stats', () => {
  test('answers curl without a token with the document\'s bare shape', async () => {
    const body = await stats()
    expect(statsSchema.parse(body)).toEqual({ total_users: 0, total_connections: 0, users: {} })
    expect(body).not.toHaveProperty('success')
  })

  test('counts connections per user as they connect and disconnect', async () => {
    const [adminA, adminB] = [await open('admin'), await open('admin')]
    await open('user1')
    expect(await stats()).toMatchObject({ total_users: 2, total_connections: 3, users: { admin: 2, user1: 1 } })

    await adminA.close()
    expect(await stats()).toMatchObject({ total_users: 2, total_connections: 2, users: { admin: 1, user1: 1 } })
    await adminB.close()
    const after = await stats()
    expect(after).toMatchObject({ total_users: 1, total_connections: 1, users: { user1: 1 } })
    expect(after.users).not.toHaveProperty('admin')
  })

  test('tells a plain HTTP request to a socket path to upgrade, with 426', async () => {
    const response = await fetch(`${server.current.url}${Paths.notificationsSocket}`)
    expect(response.status).toBe(426)
    expect((await response.json()).message).toContain('WebSocket')
  })

  test('counts SSE streams and task sockets beside, not inside, the WebSocket totals', async () => {
    const token = await login(server.current, 'user2')
    const stream = clients.streamOn(server.current, token)
    await stream.next(MessageType.Connected)
    const task = (await api<{ task_id: string }>(server.current, 'POST', Paths.tasks, { token, body: taskInput({ step_ms: 2000 }) })).body.data!
    const watcher = new TestSocket(wsUrl(server.current, Paths.taskSocket(task.task_id), token))
    clients.track(watcher)
    await watcher.next(MessageType.Progress)

    expect(await stats()).toEqual({ total_users: 0, total_connections: 0, users: {}, sse_connections: 1, task_connections: 1 })
    stream.close()
    await watcher.close()
    await expect.poll(stats).toMatchObject({ sse_connections: 0, task_connections: 0 })
  })
})

describe('GET /api/ws/health', () => {
  async function health(url = server.current.url): Promise<{ status: number, text: string }> {
    const response = await fetch(`${url}${Paths.health}`)
    return { status: response.status, text: await response.text() }
  }

  test('answers a waiting client without a token, the same few bytes however many users are online', async () => {
    const alone = await health()
    expect(alone.status).toBe(200)
    expect(JSON.parse(alone.text)).toMatchObject({ success: true, data: null })
    const statsAlone = JSON.stringify(await stats()).length

    await Promise.all(['admin', 'user1', 'user2'].map(open))
    const crowded = await health()
    expect(crowded.status).toBe(200)
    expect(crowded.text.length).toBeLessThan(100)
    // The timestamp aside, the answer is the same; the stats it replaces grew with each user.
    expect(crowded.text.length).toBe(alone.text.length)
    expect(JSON.stringify(await stats()).length).toBeGreaterThan(statsAlone + 20)
  })
})

describe('GET /api/ws/stats with STATS_PUBLIC=false', () => {
  const privateServer = useTestServer({ statsPublic: false })

  test('still answers the health to anyone: it names nobody', async () => {
    const response = await fetch(`${privateServer.current.url}${Paths.health}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ success: true, data: null })
  })

  test('answers 401 without a token, so strangers cannot see who is online', async () => {
    const result = await api(privateServer.current, 'GET', Paths.stats)
    expect(result.status).toBe(401)
    expect(result.body).toMatchObject({ success: false, data: null })
    expect(result.headers.get('www-authenticate')).toBe('Bearer')
  })

  test('answers 403 to a signed-in user who is not an admin', async () => {
    const result = await api(privateServer.current, 'GET', Paths.stats, { token: await login(privateServer.current, 'user1') })
    expect(result.status).toBe(403)
    expect(result.body.message).toBe('forbidden: connection statistics are for administrators')
  })

  test('shows an admin the document\'s bare shape', async () => {
    const response = await fetch(`${privateServer.current.url}${Paths.stats}`, {
      headers: { Authorization: `Bearer ${await login(privateServer.current, 'admin')}` },
    })
    expect(response.status).toBe(200)
    expect(statsSchema.parse(await response.json())).toEqual({ total_users: 0, total_connections: 0, users: {} })
  })
})
