// Snooze wake-ups with several processes on one Redis and one SQLite file (SPEC §3.3): every process
// arms its timer for the snooze, exactly one claims the wake, and each delivers it to its own clients.
import { expect, test } from 'vitest'
import type { ClusterProcess } from '../../deploy/cluster'
import { MessageType, Paths, UpdateReason } from '../../src/protocol'
import { useClients } from './support/clients'
import { describeCluster, notifyAt, useCluster } from './support/cluster'
import { login } from './support/server'
import type { TestSocket } from './support/socket'
import { createFor, idsIn, inMs, triage } from './support/triage'

const WAKE_WAIT_MS = 15_000

function wakesOn(socket: TestSocket): unknown[] {
  return socket.all(MessageType.NotificationUpdated).filter(frame => frame.data.reason === UpdateReason.SnoozeEnded)
}

describeCluster('snooze wake-ups across processes', () => {
  const cluster = useCluster({ processes: 2, frontPort: null })
  const a = (): ClusterProcess => cluster.current.servers[0]
  const b = (): ClusterProcess => cluster.current.servers[1]
  const clients = useClients()

  test('a snooze made on one process ends once, for a socket and a stream on the other process and a socket on its own', async () => {
    const [onA, onB] = [await login(a(), 'user1'), await login(b(), 'user1')]
    const item = await createFor(a(), onA)
    const socketOnA = await clients.socketOn(a(), onA)
    const socketOnB = await clients.socketOn(b(), onB)
    const streamOnB = clients.streamOn(b(), onB)
    await streamOnB.next(MessageType.Connected)

    await triage(a(), onA, Paths.snooze(item.id), { until: inMs(1500) })
    await socketOnB.waitUntil(() => wakesOn(socketOnB).length > 0, 'the wake on the other process', WAKE_WAIT_MS)
    await socketOnA.waitUntil(() => wakesOn(socketOnA).length > 0, 'the wake on the snoozing process', WAKE_WAIT_MS)
    await streamOnB.waitUntil(() => streamOnB.events.some(event => event.data?.reason === UpdateReason.SnoozeEnded), 'the wake on the stream', WAKE_WAIT_MS)

    // A later push from each process: each publishes in order, so a second wake from either would be in first.
    const admin = await login(a(), 'admin')
    const [fromA, fromB] = [await notifyAt(a(), admin, 'user1'), await notifyAt(b(), await login(b(), 'admin'), 'user1')]
    for (const socket of [socketOnA, socketOnB])
      await socket.waitUntil(() => [fromA.id, fromB.id].every(id => socket.all(MessageType.Notification).some(frame => frame.data.id === id)), 'both later pushes')
    expect(wakesOn(socketOnA)).toHaveLength(1)
    expect(wakesOn(socketOnB)).toHaveLength(1)
    expect(streamOnB.events.filter(event => event.data?.reason === UpdateReason.SnoozeEnded)).toHaveLength(1)
    expect(await idsIn(b(), onB, 'inbox')).toContain(item.id)
  })

  test('a snooze made on a process that crashes before it ends is still woken by another process', async () => {
    const doomed = await cluster.current.addServer()
    const token = await login(doomed, 'user2')
    const item = await createFor(doomed, token)
    const survivorToken = await login(b(), 'user2')
    const socket = await clients.socketOn(b(), survivorToken)
    await triage(doomed, token, Paths.snooze(item.id), { until: inMs(2000) })
    await doomed.kill()

    await socket.waitUntil(() => wakesOn(socket).length > 0, 'the wake of the crashed process\'s snooze', WAKE_WAIT_MS)
    expect(await idsIn(b(), survivorToken, 'inbox')).toContain(item.id)
  })
})
