// The publisher: one keep-alive HTTP client that stamps the shared clock into the payload and POSTs it
// to the server under test. Latency is measured from just before this request is written.
import { Agent, request } from 'node:http'
import { stampNow } from '../lib/clock'
import { broadcastBody } from '../lib/payload'

export interface PublishTarget {
  port: number
  publishPath: string
  publishToken: string | null
}

export class Publisher {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 })

  constructor(private readonly target: PublishTarget) {}

  /** Publishes one stamped broadcast; resolves with the time until the server answered (ms). */
  publish(): Promise<number> {
    const started = performance.now()
    const body = JSON.stringify(broadcastBody(stampNow()))
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
    if (this.target.publishToken)
      headers.Authorization = `Bearer ${this.target.publishToken}`
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.target.port, path: this.target.publishPath, method: 'POST', agent: this.agent, headers }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode !== 201)
            reject(new Error(`publish answered ${res.statusCode}`))
          else
            resolve(performance.now() - started)
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}
