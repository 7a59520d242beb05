import { describe, expect, test } from 'vitest'
import { createNotification, signInByApi } from './support/api'
import { bellButton, bellPanel, signIn, unreadOnBell, waitForConnection } from './support/app'
import { startServerProcess } from './support/server'
import { useStack } from './support/stack'

const stack = useStack()

describe('a server restart', () => {
  test('a notification created while the server was down is in the list and counted once after reconnecting', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')
    expect(await unreadOnBell(page)).toBe(0)

    await stack.server.stop()
    await waitForConnection(page, 'reconnecting')

    // Another server process on the same data stands in for "the backend kept working elsewhere".
    const other = await startServerProcess({ dbPath: stack.server.dbPath })
    const token = await signInByApi(other.url, 'admin', 'admin123')
    await createNotification(other.url, token, { title: 'Created while you were away', content: 'stored, not pushed', type: 'system' })
    await other.stop()

    stack.server = await stack.server.restart()
    await waitForConnection(page, 'open', 60_000)

    await expect.poll(() => unreadOnBell(page), { timeout: 10_000 }).toBe(1)
    await bellButton(page).click()
    await expect.poll(() => bellPanel(page).getByText('Created while you were away', { exact: true }).count()).toBe(1)
  })
})
