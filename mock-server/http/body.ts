// Reads a JSON request body within a size limit: too large is 413, not JSON is 400, and a body that
// is JSON but of the wrong shape is the caller's 422 (see validate()).
import type { IncomingMessage } from 'node:http'
import type { z } from 'zod'
import { describeIssues } from '../../src/protocol'
import { HttpError } from './envelope'

/** Largest JSON body the API accepts. */
export const MAX_BODY_BYTES = 64 * 1024
/** Past this the rest of an oversized body is not even read: the connection is dropped after the 413. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024

/** The client went away before sending the whole body: nobody to answer, nothing to log but a line. */
export class BodyAbortedError extends HttpError {
  constructor() {
    super(400, 'request body was not completed')
  }
}

function tooLarge(headers: Record<string, string> = {}): HttpError {
  return new HttpError(413, `request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, headers)
}

function parseJsonText(text: string): unknown {
  if (text.trim() === '')
    throw new HttpError(400, 'request body must be JSON')
  try {
    return JSON.parse(text)
  }
  catch {
    throw new HttpError(400, 'request body is not valid JSON')
  }
}

/**
 * The body an application's own parser read before Tidings saw the request (Express with
 * `express.json()` in front of `tidings.middleware`): the stream has ended and will never emit again,
 * so the parser's `req.body` is all there is. The same limit applies, by the declared length or else
 * the size of the value.
 */
function alreadyReadBody(req: IncomingMessage & { body?: unknown }, declared: number): unknown {
  const { body } = req
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : null
  const size = text !== null ? Buffer.byteLength(text) : Buffer.byteLength(JSON.stringify(body) ?? '')
  if (declared > MAX_BODY_BYTES || size > MAX_BODY_BYTES)
    throw tooLarge()
  if (body === undefined)
    throw new HttpError(400, 'request body must be JSON')
  return text !== null ? parseJsonText(text) : body
}

export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > MAX_DRAIN_BYTES)
    return Promise.reject(tooLarge({ Connection: 'close' }))
  if (req.readableEnded)
    return Promise.resolve().then(() => alreadyReadBody(req, declared))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES)
        chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES)
        req.destroy()
    })
    // An aborted request emits 'error' (ECONNRESET "aborted") and then 'close'; either means the same.
    req.on('error', () => reject(new BodyAbortedError()))
    // 'close' also follows every complete body: build the error only when there was no 'end'.
    req.on('close', () => {
      if (!req.readableEnded)
        reject(new BodyAbortedError())
    })
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        return reject(tooLarge())
      try {
        resolve(parseJsonText(Buffer.concat(chunks).toString('utf8')))
      }
      catch (error) {
        reject(error)
      }
    })
  })
}

/** Checks a parsed body against a schema: 422 with the issues, in words, when it does not fit. */
export function validate<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body)
  if (!result.success)
    throw new HttpError(422, describeIssues(result.error))
  return result.data
}
