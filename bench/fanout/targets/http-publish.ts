// The peers' publish endpoint, shaped like ours: POST a JSON body, the broadcast runs synchronously,
// then 201. The publisher's request reaches every server through the same kind of HTTP call.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CreateNotificationRequest } from '../../../src/protocol'

export const PUBLISH_PATH = '/publish'

/** Handles POST /publish with `broadcast(body)` (which returns how many sockets it wrote to); 404 otherwise. */
export function publishHandler(broadcast: (body: CreateNotificationRequest) => number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'POST' || req.url !== PUBLISH_PATH) {
      res.writeHead(404).end()
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      let body: CreateNotificationRequest
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      }
      catch {
        res.writeHead(400).end()
        return
      }
      const count = broadcast(body)
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ count }))
    })
  }
}
