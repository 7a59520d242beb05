// A test client that keeps an inbox the way the app does: on `connected` and on `resync` it lists the
// user's notifications by REST and merges them by id; a pushed notification is added by id. It also
// counts how often each id came as a push, so a test can tell "shown twice" from "listed again".
import { MessageType, MAX_PAGE_SIZE, Paths, type Notification, type NotificationPage } from '../../../src/protocol'
import { api, type Node } from './server'
import type { TestSocket } from './socket'
import type { TestStream } from './sse'

export class InboxMirror {
  /** Every notification id the client holds (pushed or listed). */
  readonly ids = new Set<string>()
  /** How many times each id arrived as a push. */
  readonly pushes = new Map<string, number>()
  resyncs = 0
  private readonly listing = new Set<Promise<void>>()
  private listFailure: Error | null = null

  /** `node`: where its REST calls go (the process its socket or stream is on, as behind a sticky proxy). */
  constructor(private readonly node: Node, private readonly token: string) {}

  /** Follows a notification socket (frames already received included). */
  followSocket(socket: TestSocket): this {
    socket.follow(frame => this.receive(frame.type, frame.data))
    return this
  }

  /** Follows an SSE stream (events already received included). */
  followStream(stream: TestStream): this {
    stream.follow(event => this.receive(event.event, event.data))
    return this
  }

  /** Ids pushed more than once. */
  pushedTwice(): string[] {
    return [...this.pushes].filter(([, count]) => count > 1).map(([id]) => id)
  }

  /** Resolves once no REST listing is in flight; throws if one failed. */
  async settled(): Promise<void> {
    while (this.listing.size > 0)
      await Promise.all(this.listing)
    if (this.listFailure)
      throw this.listFailure
  }

  private receive(type: string, data: unknown): void {
    if (type === MessageType.Notification) {
      const { id } = data as Notification
      this.ids.add(id)
      this.pushes.set(id, (this.pushes.get(id) ?? 0) + 1)
    }
    else if (type === MessageType.Connected || type === MessageType.Resync) {
      if (type === MessageType.Resync)
        this.resyncs++
      const listing = this.list().finally(() => this.listing.delete(listing))
      this.listing.add(listing)
    }
  }

  private async list(): Promise<void> {
    try {
      const { status, body } = await api<NotificationPage>(this.node, 'GET', `${Paths.notifications}?page=1&page_size=${MAX_PAGE_SIZE}`, { token: this.token })
      if (status !== 200 || !body.data)
        throw new Error(`listing notifications answered ${status}: ${body.message}`)
      for (const item of body.data.items)
        this.ids.add(item.id)
    }
    catch (error) {
      this.listFailure = error as Error
    }
  }
}
