// An SSE reader that really stops reading: a plain `node:http` request whose response is paused after
// `connected`, so Node stops reading the socket and the kernel's buffers fill, as with a frozen tab or a
// client on a dead link. Later it can read on and collect whatever had arrived before the server cut it.
import { request, type IncomingMessage } from 'node:http'
import type { RunningServer } from '../../../mock-server/app'
import { MessageType } from '../../../src/protocol'
import { DEFAULT_TIMEOUT_MS } from './conditions'
import { streamUrl } from './server'
import { parseSseBlock, type SseEvent } from './sse'

export class StalledStream {
  private text = ''
  private readonly ended: Promise<void>

  private constructor(private readonly response: IncomingMessage) {
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      this.text += chunk
    })
    // A stream the server destroys ends with 'aborted' (chunked body cut short), then 'close'.
    response.on('error', () => {})
    this.ended = new Promise(resolve => response.once('close', resolve))
  }

  /** Opens the user's stream, waits for `connected`, then stops reading. */
  static open(server: RunningServer, token: string): Promise<StalledStream> {
    return new Promise((resolve, reject) => {
      const req = request(streamUrl(server, token), { agent: false }, (response) => {
        const stream = new StalledStream(response)
        const timer = setTimeout(() => reject(new Error('no connected event')), DEFAULT_TIMEOUT_MS)
        const check = () => {
          if (!stream.text.includes(`event: ${MessageType.Connected}`))
            return
          clearTimeout(timer)
          response.off('data', check)
          response.pause()
          resolve(stream)
        }
        response.on('data', check)
      })
      req.on('error', reject)
      req.end()
    })
  }

  /** Reads on until the server's end of the stream; the complete events received, in order. */
  async readToEnd(): Promise<SseEvent[]> {
    this.response.resume()
    await this.ended
    // A block cut off by the drop has no blank line after it: only complete ones count.
    const blocks = this.text.split('\n\n').slice(0, -1)
    return blocks.map(parseSseBlock).filter((event): event is SseEvent => event !== null)
  }

  close(): void {
    this.response.destroy()
  }
}
