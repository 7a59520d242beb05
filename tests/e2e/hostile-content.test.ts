import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { createNotification, signInByApi } from './support/api'
import { bellButton, bellPanel, signIn, unreadOnBell } from './support/app'
import { useStack } from './support/stack'
import { MessageType } from '../../src/protocol'

const stack = useStack()

const HOSTILE_CONTENT = '<img src=x onerror="window.__pwned = \'content\'">'

describe('hostile content', () => {
  test('markup in a notification renders as text and a javascript: link does nothing', async () => {
    const page = await stack.openPage(await stack.newContext())
    // The row written behind the server's back below must land after the app has counted its unread
    // ones, or that count already includes it: wait for the answer to the socket's first sync.
    const firstSync = new Promise<void>((resolve) => {
      page.on('websocket', socket => socket.on('framereceived', ({ payload }) => {
        if (String(payload).startsWith(`{"type":"${MessageType.Synced}"`))
          resolve()
      }))
    })
    await signIn(page, stack.baseUrl, 'user1', 'user123')
    await firstSync

    // The REST API refuses javascript: links, so the hostile row is written straight into the
    // database, as an older writer or another service might have left it.
    const db = new Database(stack.server.dbPath)
    db.prepare(`INSERT INTO notifications (user_id, title, content, type, link, source, created_at)
      VALUES ('user1', ?, ?, 'alert', ?, 'e2e', ?)`)
      .run('<b>Click me</b>', HOSTILE_CONTENT, 'javascript:window.__pwned=\'link\'', new Date().toISOString())
    db.close()
    // And one through the API, pushed live.
    const token = await signInByApi(stack.baseUrl, 'admin', 'admin123')
    await createNotification(stack.baseUrl, token, { user: 'user1', title: '<script>window.__pwned="title"</script>', content: HOSTILE_CONTENT, type: 'system' })
    await expect.poll(() => unreadOnBell(page), { timeout: 10_000 }).toBe(1)
    await page.reload()
    await expect.poll(() => unreadOnBell(page), { timeout: 10_000 }).toBe(2)

    await bellButton(page).click()
    const panel = bellPanel(page)
    await expect.poll(() => panel.getByText(HOSTILE_CONTENT, { exact: true }).count()).toBe(2)
    expect(await panel.locator('img, script, b').count()).toBe(0)

    const before = page.url()
    await panel.getByRole('button', { name: '<b>Click me</b>', exact: true }).click()
    await page.waitForTimeout(500) // a navigation or script would have run by now
    expect(page.url()).toBe(before)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined()

    await page.goto(`${stack.baseUrl}/notifications`)
    const main = page.getByRole('main')
    await expect.poll(() => main.getByText(HOSTILE_CONTENT, { exact: true }).count()).toBe(2)
    expect(await main.locator('img, script, b').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined()
  })
})
