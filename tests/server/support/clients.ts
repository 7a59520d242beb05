// The sockets and streams a test opens on a server (a test server, a process, a cluster's process or
// front), closed after each test.
import { afterEach } from 'vitest'
import { Paths } from '../../../src/protocol'
import { type Node, wsUrl } from './server'
import { closeAll, connect, TestSocket } from './socket'
import { openStream, type TestStream } from './sse'

/** Opens a notification socket on that server and waits for `connected`. */
export function connectAt(node: Node, token: string): Promise<TestSocket> {
  return connect(wsUrl(node, Paths.notificationsSocket, token))
}

export interface Clients {
  /** Opens a notification socket on that server and waits for `connected`. */
  socketOn: (node: Node, token: string) => Promise<TestSocket>
  /** Opens an SSE stream on that server. */
  streamOn: (node: Node, token: string, lastEventId?: string) => TestStream
  /** Closes a socket or stream opened another way (a task watcher) after the test as well. */
  track: <T extends TestSocket | TestStream>(client: T) => T
}

/** The sockets and streams a test opens, closed after each test; then `afterClosing` runs (e.g. a check that the server counts none). */
export function useClients(afterClosing?: () => Promise<void>): Clients {
  const sockets: TestSocket[] = []
  const streams: TestStream[] = []
  afterEach(async () => {
    streams.splice(0).forEach(stream => stream.close())
    await closeAll(sockets)
    await afterClosing?.()
  })
  function track<T extends TestSocket | TestStream>(client: T): T {
    if (client instanceof TestSocket)
      sockets.push(client)
    else
      streams.push(client as TestStream)
    return client
  }
  return {
    socketOn: async (node, token) => track(await connectAt(node, token)),
    streamOn: (node, token, lastEventId) => track(openStream(node, { token, lastEventId })),
    track,
  }
}
