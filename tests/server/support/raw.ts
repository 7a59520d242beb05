// A bare TCP connection to the server, for clients no HTTP library would imitate: silent ones, slow
// ones, ones that give up halfway through a body. It records what the server sent and when it hung up.
import { connect, type Socket } from 'node:net'
import type { RunningServer } from '../../../mock-server/app'
import { ConditionWatch, DEFAULT_TIMEOUT_MS } from './conditions'

export class RawConnection {
  readonly socket: Socket
  received = ''
  closed = false
  private readonly watch = new ConditionWatch(() => [this.received])

  constructor(server: RunningServer) {
    this.socket = connect(server.port, '127.0.0.1')
    this.socket.setEncoding('utf8')
    this.socket.on('data', (chunk: string) => {
      this.received += chunk
      this.watch.notify()
    })
    this.socket.on('error', () => {})
    this.socket.on('close', () => {
      this.closed = true
      this.watch.notify()
    })
  }

  /** Resolves once connected (the server may still drop it right away). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.socket.connecting)
        return resolve()
      this.socket.once('connect', resolve)
      this.socket.once('error', reject)
    })
  }

  write(text: string): void {
    if (!this.closed)
      this.socket.write(text)
  }

  /** Waits until the server has hung up. */
  untilClosed(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.watch.until(() => this.closed, 'the server to close the connection', timeoutMs)
  }

  destroy(): void {
    this.socket.destroy()
  }
}

/** Opens `count` connections that say nothing, once all are connected. */
export async function silentConnections(server: RunningServer, count: number): Promise<RawConnection[]> {
  const connections = Array.from({ length: count }, () => new RawConnection(server))
  await Promise.all(connections.map(connection => connection.ready()))
  return connections
}
