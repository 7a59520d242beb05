// `npm run notify -- --user admin --title T --content C [--type alert] [--link /x]`: pushes one
// notification through the running server's REST API (logging in as an admin first), so it is stored
// and reaches every open socket and stream of the recipient exactly like any other.
import { parseArgs } from 'node:util'
import {
  NOTIFICATION_TYPES,
  Paths,
  createNotificationRequestSchema,
  describeIssues,
  type Envelope,
  type LoginResponse,
  type Notification,
} from '../../src/protocol'

const USAGE = `Usage: npm run notify -- --user <name|*> --title <text> --content <text> [options]

  --user       recipient user name, or * for everyone (default: admin)
  --title      notification title (required)
  --content    notification text (required)
  --type       ${NOTIFICATION_TYPES.join(' | ')} (default: system)
  --link       in-app path or http(s) URL opened on click
  --source     where it came from (default: cli)
  --server     server URL (default: http://127.0.0.1:$PORT, PORT defaulting to 8000)
  --as         account that sends it (default: admin)
  --password   that account's password (default: $TIDINGS_PASSWORD or admin123)`

class CliError extends Error {}

async function call<T>(server: string, path: string, init: RequestInit): Promise<T> {
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

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string', default: 'admin' },
      title: { type: 'string' },
      content: { type: 'string' },
      type: { type: 'string', default: 'system' },
      link: { type: 'string' },
      source: { type: 'string', default: 'cli' },
      server: { type: 'string', default: `http://127.0.0.1:${process.env.PORT || 8000}` },
      as: { type: 'string', default: 'admin' },
      password: { type: 'string', default: process.env.TIDINGS_PASSWORD ?? 'admin123' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help)
    return USAGE
  const request = createNotificationRequestSchema.safeParse({
    user: values.user,
    title: values.title,
    content: values.content,
    type: values.type,
    link: values.link,
    source: values.source,
  })
  if (!request.success)
    throw new CliError(`${describeIssues(request.error)}\n\n${USAGE}`)

  const server = values.server.replace(/\/$/, '')
  const json = { 'Content-Type': 'application/json' }
  const session = await call<LoginResponse>(server, Paths.login, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: values.as, password: values.password }),
  })
  const created = await call<Notification | { count: number }>(server, Paths.notifications, {
    method: 'POST',
    headers: { ...json, Authorization: `Bearer ${session.access_token}` },
    body: JSON.stringify(request.data),
  })
  return 'count' in created
    ? `sent "${request.data.title}" to ${created.count} users`
    : `sent notification ${created.id} "${created.title}" to ${request.data.user}`
}

try {
  console.log(await main(process.argv.slice(2)))
}
catch (error) {
  console.error(`notify: ${(error as Error).message}`)
  process.exitCode = 1
}
