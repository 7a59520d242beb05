// `npm run notify -- --user admin --title T --content C [--type alert] [--link /x]`: pushes one
// notification through the running server's REST API (logging in as an admin first), so it is stored
// and reaches every open socket and stream of the recipient exactly like any other. With a triage
// option (`--archive 12`, `--snooze 12 --for 2h`…) it acts on the signed-in account's notifications instead.
import { parseArgs } from 'node:util'
import {
  NOTIFICATION_TYPES,
  Paths,
  createNotificationRequestSchema,
  describeIssues,
  type Notification,
} from '../../src/protocol'
import { CliError, post, signIn } from './api'
import { isTriage, runTriage, TRIAGE_USAGE } from './triage'

const USAGE = `Usage: npm run notify -- --user <name|*> --title <text> --content <text> [options]
       npm run notify -- --as <name> --password <pw> --archive <ids> | --snooze <id> --for 2h | ...

  --user       recipient user name, or * for everyone (default: admin)
  --title      notification title (required)
  --content    notification text (required)
  --type       ${NOTIFICATION_TYPES.join(' | ')} (default: system)
  --link       in-app path or http(s) URL opened on click
  --source     where it came from (default: cli)
  --server     server URL (default: http://127.0.0.1:$PORT, PORT defaulting to 8000)
  --as         account that sends it (default: admin)
  --password   that account's password (default: $TIDINGS_PASSWORD or admin123)

${TRIAGE_USAGE}`

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
      read: { type: 'string' },
      unread: { type: 'string' },
      archive: { type: 'string' },
      unarchive: { type: 'string' },
      snooze: { type: 'string' },
      unsnooze: { type: 'string' },
      until: { type: 'string' },
      for: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help)
    return USAGE
  const server = values.server.replace(/\/$/, '')
  if (isTriage(values))
    return runTriage(await signIn(server, values.as, values.password), values)

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

  const session = await signIn(server, values.as, values.password)
  const created = await post<Notification | { count: number }>(session, Paths.notifications, request.data)
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
