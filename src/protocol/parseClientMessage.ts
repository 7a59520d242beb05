// The server's side of parsing: frames a client sends, checked with zod (clear `error` frames), and
// the one-line description of any zod failure (also for 422 bodies). Apart from ./parse.ts so the
// client, which only reads server frames with hand checks, takes no zod along.
import type { $ZodError } from 'zod/v4/core'
import { ErrorCode, MAX_REQUEST_ID_LENGTH, MessageType } from './constants'
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

/** A client frame parsed, or why not; a refused `sync` names its `request_id` when it had a usable one. */
export type ClientParseResult = ParseResult<ClientMessage> & {
  /** The refused `sync`'s request id, for its `error` frame. */
  requestId?: string
}

/** A refused `sync`'s `data.request_id`, when it is one the answer may echo. */
function requestIdOf(json: { type: string, data?: unknown }): string | undefined {
  const id = (json.data as { request_id?: unknown } | null | undefined)?.request_id
  return json.type === MessageType.Sync && typeof id === 'string' && id.length > 0 && id.length <= MAX_REQUEST_ID_LENGTH ? id : undefined
}

/** Parses a frame sent by a client to the server. */
export function parseClientMessage(raw: unknown): ClientParseResult {
  let requestId: string | undefined
  const result = decodeFrame<ClientMessage>(raw, clientTypes, (json) => {
    const parsed = clientMessageSchema.safeParse(json)
    if (parsed.success)
      return { ok: true, value: parsed.data }
    requestId = requestIdOf(json)
    return { ok: false, code: ErrorCode.InvalidMessage, message: describeIssues(parsed.error) }
  })
  return requestId === undefined ? result : { ...result, requestId }
}
