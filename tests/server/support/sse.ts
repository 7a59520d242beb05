// Reads an SSE stream with fetch, as an EventSource would, keeping each parsed event.
import { ConditionWatch, DEFAULT_TIMEOUT_MS } from './conditions'
import { type Node, streamUrl } from './server'

export interface SseEvent {
  event: string
  id: string | null
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
}

/** One SSE block (the text between blank lines) as an event; null for comments and `retry:` lines. */
export function parseSseBlock(block: string): SseEvent | null {
  let event = 'message'
  let id: string | null = null
  const data: string[] = []
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event')
      event = value
    else if (field === 'id')
      id = value
    else if (field === 'data')
      data.push(value)
  }
  return data.length === 0 ? null : { event, id, data: JSON.parse(data.join('\n')) }
}

export class TestStream {
  readonly events: SseEvent[] = []
  status = 0
  ended = false
  private unclaimed: SseEvent[] = []
  private readonly followers: ((event: SseEvent) => void)[] = []
  private readonly watch = new ConditionWatch(() => this.events.map(item => item.event))
  private readonly controller = new AbortController()

  /** Resolves once the response headers have arrived. */
  readonly ready: Promise<void>

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ready = this.run(url, headers)
  }

  private async run(url: string, headers: Record<string, string>): Promise<void> {
    const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: this.controller.signal })
    this.status = response.status
    if (!response.ok || !response.body) {
      this.ended = true
      return
    }
    void this.read(response.body.getReader())
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done)
          break
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
    }
    catch {}
    this.ended = true
    this.notify()
  }

  private parse(block: string): void {
    const parsed = parseSseBlock(block)
    if (!parsed)
      return
    this.events.push(parsed)
    this.unclaimed.push(parsed)
    this.followers.forEach(follower => follower(parsed))
    this.notify()
  }

  private notify(): void {
    this.watch.notify()
  }

  waitUntil(condition: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.watch.until(condition, what, timeoutMs)
  }

  /** Calls `listener` with every event received so far, then with each one as it arrives. */
  follow(listener: (event: SseEvent) => void): void {
    this.events.forEach(listener)
    this.followers.push(listener)
  }


  /** The next not yet claimed event of this name. */
  async next(event: string, timeoutMs = 5000): Promise<SseEvent> {
    await this.waitUntil(() => this.unclaimed.some(item => item.event === event), `an "${event}" event`, timeoutMs)
    const index = this.unclaimed.findIndex(item => item.event === event)
    return this.unclaimed.splice(index, 1)[0]
  }

  close(): void {
    this.controller.abort()
  }
}

export interface StreamOptions {
  token?: string
  lastEventId?: string
  /** Send the token as a header instead of `?token=`. */
  tokenInHeader?: boolean
}

export function openStream(server: Node, { token, lastEventId, tokenInHeader }: StreamOptions = {}): TestStream {
  const headers: Record<string, string> = {}
  if (lastEventId !== undefined)
    headers['Last-Event-ID'] = lastEventId
  if (token && tokenInHeader)
    headers.Authorization = `Bearer ${token}`
  return new TestStream(streamUrl(server, tokenInHeader ? null : token), headers)
}
