// The floor: a `ws` server with no auth, no registry and no storage. A publish serialises the frame
// once into a Buffer and writes that same Buffer to every open socket; nothing can fan out for less
// on this library.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'node:net'
import * as wsModule from 'ws'
import { WebSocket, WebSocketServer } from 'ws'
import { MessageType } from '../../../src/protocol'
import { notificationFrom } from '../../lib/payload'
import { publishHandler } from './http-publish'
import type { StartedTarget } from './types'

export async function startBareWs(): Promise<StartedTarget> {
  let nextId = 1
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: true })
  // Experiment switch (BENCH_PREFRAMED=1): build the whole WebSocket frame once and write it straight to
  // each TCP socket, bypassing ws's per-socket framing: how much lower the floor can go.
  const preframed = process.env.BENCH_PREFRAMED === '1'
  // ws exports its Sender at runtime; @types/ws does not describe it.
  const { Sender } = wsModule as unknown as { Sender: { frame: (data: Buffer, options: Record<string, unknown>) => Buffer[] } }
  const server = createServer(publishHandler((body) => {
    const payload = Buffer.from(JSON.stringify({ type: MessageType.Notification, data: notificationFrom(body, nextId++) }))
    const frame = preframed ? Buffer.concat(Sender.frame(payload, { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: true })) : payload
    let sent = 0
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN)
        continue
      if (preframed)
        (client as unknown as { _socket: Socket })._socket.write(frame)
      else
        client.send(frame, { binary: false })
      sent++
    }
    return sent
  }))
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, ws => ws.on('error', () => {})))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    connections: () => wss.clients.size,
    endpoints: async () => [{ url: `ws://127.0.0.1:${port}/` }],
    publishPath: '/publish',
    close: () => closeWsServer(wss, server),
  }
}

/** Drops every client, then closes the WebSocket and HTTP servers. */
export async function closeWsServer(wss: WebSocketServer, server: Server): Promise<void> {
  for (const client of wss.clients)
    client.terminate()
  wss.close()
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
}
