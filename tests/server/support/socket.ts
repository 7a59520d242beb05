// A real `ws` client that keeps every frame it receives, so a test can await "the next frame of type X"
// and the close code without races.
import WebSocket, { type ClientOptions } from 'ws'
import { MessageType } from '../../../src/protocol'
import { ConditionWatch, DEFAULT_TIMEOUT_MS } from './conditions'

export interface Frame {
  type: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
}

export interface CloseInfo {
  code: number
  reason: string
}


export class TestSocket {
  readonly ws: WebSocket
  readonly frames: Frame[] = []
  readonly closed: Promise<CloseInfo>
  readonly opened: Promise<void>
  pings = 0
  private unclaimed: Frame[] = []
  private readonly followers: ((frame: Frame) => void)[] = []
  private readonly watch = new ConditionWatch(() => this.frames.map(frame => frame.type))

  constructor(url: string, options: ClientOptions & { protocols?: string[] } = {}) {
    const { protocols, ...clientOptions } = options
    this.ws = new WebSocket(url, protocols, clientOptions)
    // Errors also surface as a close code, which is what tests assert on.
    this.ws.on('error', () => {})
    this.ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Frame
      this.frames.push(frame)
      this.unclaimed.push(frame)
      this.followers.forEach(follower => follower(frame))
      this.notify()
    })
    this.ws.on('ping', () => {
      this.pings++
      this.notify()
    })
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        this.notify()
        resolve({ code, reason: reason.toString() })
      })
    })
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      this.ws.once('error', reject)
    })
    this.opened.catch(() => {})
  }

  /** Resolves when `condition` holds (checked on every frame, ping and close). */
  waitUntil(condition: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.watch.until(condition, what, timeoutMs)
  }

  /** The next not yet claimed frame of this type (frames of other types stay available). */
  async next(type: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Frame> {
    await this.waitUntil(() => this.unclaimed.some(frame => frame.type === type), `a "${type}" frame`, timeoutMs)
    const index = this.unclaimed.findIndex(frame => frame.type === type)
    return this.unclaimed.splice(index, 1)[0]
  }

  /** Calls `listener` with every frame received so far, then with each one as it arrives. */
  follow(listener: (frame: Frame) => void): void {
    this.frames.forEach(listener)
    this.followers.push(listener)
  }

  /** Every frame of this type received so far. */
  all(type: string): Frame[] {
    return this.frames.filter(frame => frame.type === type)
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  close(): Promise<CloseInfo> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close()
    return this.closed
  }

  private notify(): void {
    this.watch.notify()
  }
}

/** Opens a socket and waits for its `connected` frame. */
export async function connect(url: string, options?: ClientOptions & { protocols?: string[] }): Promise<TestSocket> {
  const socket = new TestSocket(url, options)
  await socket.next(MessageType.Connected)
  return socket
}

/** Closes every socket given (tests call it in afterEach). */
export async function closeAll(sockets: TestSocket[]): Promise<void> {
  await Promise.all(sockets.splice(0).map(socket => socket.close()))
}
