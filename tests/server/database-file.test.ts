// The database path is checked when the server starts: a folder, a path under a file, or a damaged file
// stops it with one line saying so, instead of a server that starts and then fails some users' requests.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { Paths } from '../../src/protocol'
import { notificationInput } from './support/factories'
import { runScript } from './support/process'
import { api, login, startTestServer } from './support/server'

const folder = mkdtempSync(join(tmpdir(), 'tidings-database-file-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** The server's environment, with a key of its own so that nothing but the refusal is printed. */
function serverEnv(dbPath: string): Record<string, string> {
  return { TIDINGS_DB: dbPath, PORT: '0', JWT_SECRET: 'a-test-key-that-is-long-enough-for-hs256-0123' }
}

/** A real database the server wrote, then pages in its middle overwritten, its header left intact. */
async function damagedDatabase(): Promise<string> {
  const dbPath = join(folder, 'damaged.db')
  const server = await startTestServer({ dbPath })
  const token = await login(server, 'admin')
  for (let i = 0; i < 200; i++)
    await api(server, 'POST', Paths.notifications, { token, body: notificationInput({ content: `正文 ${i} `.repeat(20) }) })
  await server.close()
  const pageSize = 4096
  const pages = statSync(dbPath).size / pageSize
  const fd = openSync(dbPath, 'r+')
  for (let page = Math.floor(pages / 2); page < Math.floor(pages / 2) + 3; page++)
    writeSync(fd, Buffer.alloc(pageSize, 0x5A), 0, pageSize, page * pageSize)
  closeSync(fd)
  return dbPath
}

describe('npm run server', () => {
  test('refuses a damaged database file with one line and exit code 1', async () => {
    const dbPath = await damagedDatabase()
    const result = await runScript('mock-server/main.ts', [], serverEnv(dbPath))
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^tidings: could not start: database ".*damaged\.db" is damaged \(.+\): restore a backup/)
  })

  test('says plainly when the database path is a folder', async () => {
    const dir = join(folder, 'a-folder')
    mkdirSync(dir)
    const result = await runScript('mock-server/main.ts', [], serverEnv(dir))
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe(`tidings: could not start: database "${dir}" is a folder, not a file (name a file in it, e.g. ${join(dir, 'tidings.db')})`)
  })

  test('says plainly when the database path lies under a file', async () => {
    const file = join(folder, 'plain-file')
    writeFileSync(file, 'not a folder')
    const result = await runScript('mock-server/main.ts', [], serverEnv(join(file, 'sub', 'tidings.db')))
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe(`tidings: could not start: database "${join(file, 'sub', 'tidings.db')}" cannot be created: ${file} is a file, not a folder`)
  })

  test('refuses a file that is not a database at all', async () => {
    const file = join(folder, 'notes.txt')
    writeFileSync(file, 'these are my notes, not SQLite\n'.repeat(200))
    const result = await runScript('mock-server/main.ts', [], serverEnv(file))
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(/^tidings: could not start: database ".*notes\.txt" is not a readable SQLite file/)
  })
})

test('a healthy file database opens again with everything in it', async () => {
  const dbPath = join(folder, 'healthy.db')
  let server = await startTestServer({ dbPath })
  const token = await login(server, 'user1')
  await api(server, 'POST', Paths.notifications, { token, body: notificationInput({ title: '留下来' }) })
  await server.close()
  server = await startTestServer({ dbPath })
  const list = await api<{ items: { title: string }[] }>(server, 'GET', Paths.notifications, { token: await login(server, 'user1') })
  expect(list.body.data!.items.map(item => item.title)).toContain('留下来')
  await server.close()
})
