// The REST envelope of SPEC §1.4 and the error type handlers throw to produce one.
import type { ServerResponse } from 'node:http'
import type { Envelope } from '../../src/protocol'

/** Thrown by handlers: becomes `{success:false, message}` with this status. */
export class HttpError extends Error {
  constructor(
    /** The HTTP status the REST API answers with. */
    readonly status: number,
    message: string,
    /** Headers to send with it (`Retry-After`, `WWW-Authenticate`…). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function envelope<T>(success: boolean, data: T | null, message: string): Envelope<T> {
  return { success, data, message, timestamp: new Date().toISOString() }
}

export function sendEnvelope<T>(res: ServerResponse, status: number, data: T | null, message = 'ok', headers: Record<string, string> = {}): void {
  sendJson(res, status, envelope(status < 400, data, message), headers)
}

/** An HttpError as its envelope, with its headers. */
export function sendHttpError(res: ServerResponse, error: HttpError): void {
  sendEnvelope(res, error.status, null, error.message, error.headers)
}
