// The REST calls `npm run notify` makes, with errors in words (the server's own message when it sent one).
import { Paths, type Envelope, type LoginResponse } from '../../src/protocol'

/** A failure the command reports in one line (exit code 1). */
export class CliError extends Error {}

export interface Session {
  server: string
  token: string
}

export async function call<T>(server: string, path: string, init: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${server}${path}`, init)
  }
  catch {
    throw new CliError(`cannot reach the Tidings server at ${server}: is \`npm run server\` running?`)
  }
  const body = await response.json().catch(() => null) as Envelope<T> | null
  if (!response.ok || !body?.success)
    throw new CliError(`${path} answered ${response.status}: ${body?.message ?? response.statusText}`)
  return body.data as T
}

/** Logs in through the REST API and keeps the token for the calls that follow. */
export async function signIn(server: string, username: string, password: string): Promise<Session> {
  const session = await call<LoginResponse>(server, Paths.login, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return { server, token: session.access_token }
}

/** A POST as the signed-in user, with a JSON body when given one. */
export function post<T>(session: Session, path: string, body?: unknown): Promise<T> {
  return call<T>(session.server, path, {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${session.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}
