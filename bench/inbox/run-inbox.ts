// Section "inbox": the list and the unread count at 100,000 notifications per user (SPEC §3.2). A SQLite
// file is filled directly (the API keeps 1000 per user; reading is what is measured), our server is
// started on it, and each query is timed end to end over HTTP, first with the indexes of migration 4,
// then with them dropped and the schema-3 index put back: the before/after of the triage indexes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../mock-server/app'
import { silentLogger } from '../../mock-server/logger'
import { openDatabase, type Db } from '../../mock-server/storage/db'
import { TRIAGE_INDEXES } from '../../mock-server/storage/migrations'
import { NOTIFICATION_TYPES, Paths } from '../../src/protocol'

export interface InboxSettings {
  /** Notifications stored for each of the two users measured against each other. */
  perUser: number
  /** Timed requests per query and index state (after a few untimed ones). */
  requests: number
}

export interface QueryTiming {
  query: string
  /** What the query matched (the page's `total`, or the count). */
  matched: number
  p50Ms: number
  p95Ms: number
}

export interface InboxResult {
  settings: InboxSettings
  seedMs: number
  /** With migration 4's indexes (the build as shipped). */
  after: QueryTiming[]
  /** The same file with them dropped and schema 3's `(user_id, status)` index back. */
  before: QueryTiming[]
}

/** The word the search looks for: in about one row in a hundred, in the title or the content. */
const SEARCH = 'Quarterly'
const QUERIES = [
  `${Paths.notifications}?view=inbox`,
  `${Paths.notifications}?view=inbox&q=${SEARCH.toLowerCase()}`,
  `${Paths.notifications}?view=inbox&status=unread&type=alert`,
  Paths.unreadCount,
]

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
}

/** Rows like a busy inbox: 40% unread, 5% done, 2% snoozed, the three types alike, 1% with the search word. */
function seed(db: Db, users: string[], perUser: number): void {
  const insert = db.prepare(`INSERT INTO notifications (user_id, title, content, type, link, source, created_at, status, archived, snoozed_until)
    VALUES (?, ?, ?, ?, ?, 'bench', ?, ?, ?, ?)`)
  const start = Date.now() - perUser * 1000
  const later = Date.now() + 7 * 24 * 3600 * 1000
  db.transaction(() => {
    for (let i = 0; i < perUser; i++) {
      for (const user of users) {
        const symbol = String(i % 1_000_000).padStart(6, '0')
        const searched = i % 100 === 7
        const title = searched && i % 200 === 7 ? `${SEARCH} report ${symbol}` : `分析完成 ${symbol}`
        const content = searched && i % 200 !== 7 ? `${symbol} ${SEARCH.toUpperCase()} figures are out` : `${symbol} 分析已完成`
        insert.run(user, title, content, NOTIFICATION_TYPES[i % 3], `/stocks/${symbol}`, new Date(start + i * 1000).toISOString(),
          i % 5 < 2 ? 'unread' : 'read', i % 20 === 3 ? 1 : 0, i % 50 === 11 ? later : null)
      }
    }
  })()
}

async function timeQueries(url: string, token: string, requests: number): Promise<QueryTiming[]> {
  const timings: QueryTiming[] = []
  for (const query of QUERIES) {
    const samples: number[] = []
    let matched = 0
    for (let i = -3; i < requests; i++) {
      const started = performance.now()
      const response = await fetch(`${url}${query}`, { headers: { Authorization: `Bearer ${token}` } })
      const body = await response.json() as { data: { total?: number, count?: number } }
      if (!response.ok)
        throw new Error(`${query} answered ${response.status}`)
      if (i >= 0)
        samples.push(performance.now() - started)
      matched = body.data.total ?? body.data.count ?? 0
    }
    samples.sort((a, b) => a - b)
    timings.push({ query, matched, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) })
  }
  return timings
}

/** The count the trigger-kept column replaces, as a query would have to make it (in SQL, no HTTP). */
const COUNTED_UNREAD = `SELECT count(*) FROM notifications WHERE user_id = 'user1' AND status = 'unread' AND archived = 0 AND snoozed_until IS NULL`

function timeCountQuery(dbPath: string, requests: number): QueryTiming {
  const db = openDatabase(dbPath)
  try {
    const statement = db.prepare(COUNTED_UNREAD).pluck()
    const samples: number[] = []
    let matched = 0
    for (let i = -3; i < requests; i++) {
      const started = performance.now()
      matched = statement.get() as number
      if (i >= 0)
        samples.push(performance.now() - started)
    }
    samples.sort((a, b) => a - b)
    return { query: 'SQL: unread inbox by count(*), without the kept count', matched, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) }
  }
  finally {
    db.close()
  }
}

async function measure(dbPath: string, requests: number): Promise<QueryTiming[]> {
  const server = await startServer({ port: 0, dbPath, logger: silentLogger })
  try {
    return [...await timeQueries(server.url, await server.issueToken('user1'), requests), timeCountQuery(dbPath, requests)]
  }
  finally {
    await server.close()
  }
}

export async function runInbox(settings: InboxSettings, log: (line: string) => void): Promise<InboxResult> {
  const folder = mkdtempSync(join(tmpdir(), 'tidings-bench-inbox-'))
  const dbPath = join(folder, 'inbox.db')
  try {
    const db = openDatabase(dbPath)
    const seeding = performance.now()
    seed(db, ['user1', 'user2'], settings.perUser)
    db.exec('ANALYZE')
    db.close()
    const seedMs = performance.now() - seeding
    log(`inbox: ${settings.perUser.toLocaleString('en-US')} notifications for each of 2 users stored in ${(seedMs / 1000).toFixed(1)} s; timing with the triage indexes`)
    const after = await measure(dbPath, settings.requests)

    const bare = openDatabase(dbPath)
    bare.exec(TRIAGE_INDEXES.map(name => `DROP INDEX ${name};`).join('\n'))
    bare.exec('CREATE INDEX notifications_unread ON notifications (user_id, status); ANALYZE')
    bare.close()
    log('inbox: timing again without them (schema 3\'s indexes)')
    const before = await measure(dbPath, settings.requests)
    return { settings, seedMs, after, before }
  }
  finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
