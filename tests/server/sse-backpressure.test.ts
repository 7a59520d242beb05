// An SSE stream whose reader stops reading must not grow the server's memory without bound: it is cut
// like a WebSocket (over MAX_BUFFERED_BYTES unread, or a heartbeat still unsent a whole interval later),
// and since every notification is stored first, the reconnect's Last-Event-ID replay loses nothing.
import { afterEach, describe, expect, test } from 'vitest'
import type { RunningServer } from '../../mock-server/app'
import type { LogLevel } from '../../mock-server/logger'
import { MAX_BUFFERED_BYTES, MessageType, Paths, type Notification } from '../../src/protocol'
import type { ConnectionStats } from '../../mock-server/connections/registry'
import { notificationInput } from './support/factories'
import { api, login, startTestServer } from './support/server'
import { StalledStream } from './support/stalled-stream'
import { openStream } from './support/sse'

/** About 12 KB on the wire each (three UTF-8 bytes a character), so a few hundred fill the buffers. */
const BULKY = { content: '通'.repeat(4000) }
/** Under the 1000 a user keeps, so the replay can still find every one of them. */
const MOST_NOTIFICATIONS = 950
const BATCH = 25

let server: RunningServer | null = null
const logLines: string[] = []
const cleanups: (() => void)[] = []

afterEach(async () => {
  cleanups.splice(0).forEach(cleanup => cleanup())
  logLines.length = 0
  await server?.close()
  server = null
})

async function start(heartbeatIntervalSec: number): Promise<RunningServer> {
  server = await startTestServer({
    heartbeatIntervalSec,
    logger: (level: LogLevel, message: string) => logLines.push(`${level} ${message}`),
  })
  return server
}

async function sseConnections(running: RunningServer): Promise<number> {
  const stats = await (await fetch(`${running.url}${Paths.stats}`)).json() as ConnectionStats
  return stats.sse_connections
}

async function notifyMany(running: RunningServer, token: string, count: number): Promise<string[]> {
  const created = await Promise.all(Array.from({ length: count }, async () => {
    const result = await api<Notification>(running, 'POST', Paths.notifications, { token, body: notificationInput(BULKY) })
    expect(result.status).toBe(201)
    return result.body.data!.id
  }))
  return created.sort((a, b) => Number(a) - Number(b))
}

async function stalledStream(running: RunningServer, token: string): Promise<StalledStream> {
  const stream = await StalledStream.open(running, token)
  cleanups.push(() => stream.close())
  return stream
}

function notificationIds(events: { event: string, id: string | null }[]): string[] {
  return events.filter(event => event.event === MessageType.Notification).map(event => event.id!)
}

describe('an SSE reader that stops reading', () => {
  test('is cut once 4 MiB wait unread, and reconnecting with its last id brings every notification exactly once', { timeout: 90_000 }, async () => {
    // Heartbeats far apart: only the byte cap can cut the stream here.
    const running = await start(600)
    const token = await login(running, 'user1')
    const stalled = await stalledStream(running, token)
    expect(await sseConnections(running)).toBe(1)

    const created: string[] = []
    while (created.length < MOST_NOTIFICATIONS && await sseConnections(running) > 0)
      created.push(...await notifyMany(running, token, BATCH))
    expect(await sseConnections(running)).toBe(0)
    expect(logLines.some(line => line.includes(`dropped: over ${MAX_BUFFERED_BYTES} bytes unread`))).toBe(true)

    const before = notificationIds(await stalled.readToEnd())
    expect(before.length).toBeGreaterThan(0)
    expect(before).toEqual(created.slice(0, before.length))
    const resumed = openStream(running, { token, lastEventId: before.at(-1)! })
    cleanups.push(() => resumed.close())
    await resumed.waitUntil(() => notificationIds(resumed.events).length >= created.length - before.length, 'the replay of the rest', 30_000)
    expect([...before, ...notificationIds(resumed.events)]).toEqual(created)
  })

  test('is dropped when a heartbeat still cannot be written a whole interval later', { timeout: 60_000 }, async () => {
    const running = await start(1)
    const token = await login(running, 'user2')
    await stalledStream(running, token)

    // About 6 MB: more than the kernel's buffers take in, far less than the 4 MiB cap on top of them.
    for (let sent = 0; sent < 500; sent += BATCH)
      await notifyMany(running, token, BATCH)
    await expect.poll(() => sseConnections(running), { timeout: 15_000, interval: 200 }).toBe(0)
    expect(logLines.some(line => line.includes('dropped: heartbeat not taken for a whole interval'))).toBe(true)
  })
})

describe('an SSE reader that keeps up', () => {
  test('gets a replay larger than the cap whole', { timeout: 60_000 }, async () => {
    const running = await start(600)
    const token = await login(running, 'admin')
    const created: string[] = []
    // About 6 MB, stored while nobody listens.
    for (let sent = 0; sent < 500; sent += BATCH)
      created.push(...await notifyMany(running, token, BATCH))

    const resumed = openStream(running, { token, lastEventId: '0' })
    cleanups.push(() => resumed.close())
    await resumed.waitUntil(() => notificationIds(resumed.events).length >= created.length, 'the whole replay', 30_000)
    expect(notificationIds(resumed.events)).toEqual(created)
    expect(await sseConnections(running)).toBe(1)
  })
})
