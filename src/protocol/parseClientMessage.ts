// The server's side of parsing: frames a client sends, checked with zod (clear `error` frames), and
// the one-line description of any zod failure (also for 422 bodies). Apart from ./parse.ts so the
// client, which only reads server frames with hand checks, takes no zod along.
import type { $ZodError } from 'zod/v4/core'
import { ErrorCode } from './constants'
import { clientMessageSchema, type ClientMessage } from './schemas'
import { decodeFrame, type ParseResult } from './parse'

/**
 * A readable one-line summary of a validation failure, for `error` frames and 422 bodies. Takes the
 * error of any zod schema, classic or mini.
 */
export function describeIssues(error: $ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(issue => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
}

const clientTypes: ReadonlySet<unknown> = new Set(clientMessageSchema._zod.propValues.type)

/** Parses a frame sent by a client to the server. */
export function parseClientMessage(raw: unknown): ParseResult<ClientMessage> {
  return decodeFrame(raw, clientTypes, (json) => {
    const result = clientMessageSchema.safeParse(json)
    return result.success ? { ok: true, value: result.data } : { ok: false, code: ErrorCode.InvalidMessage, message: describeIssues(result.error) }
  })
}
