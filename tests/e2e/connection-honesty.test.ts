// What the header says about the connection is true: no network is said at once (the socket
// alone may take a minute to notice), and the way back is short and can be asked for.
import { describe, expect, test } from 'vitest'
import { signIn, waitForConnection } from './support/app'
import { useStack } from './support/stack'

const stack = useStack()

describe('connection honesty', () => {
  test('the header says Offline (no network) as soon as the browser loses the network, and Live once it is back', async () => {
    const context = await stack.newContext()
    const page = await stack.openPage(context)
    await signIn(page, stack.baseUrl, 'admin', 'admin123')

    await context.setOffline(true)
    await waitForConnection(page, 'no-network', 5_000)
    expect(await page.locator('.connection-indicator').innerText()).toContain('Offline (no network)')

    await context.setOffline(false)
    await waitForConnection(page, 'open')
  })

  test('while reconnecting after a server outage the header offers Retry now, and the app is live again once the server returns', async () => {
    const page = await stack.openPage(await stack.newContext())
    await signIn(page, stack.baseUrl, 'admin', 'admin123')

    await stack.server.stop()
    await waitForConnection(page, 'reconnecting')
    await page.locator('.connection-indicator').getByRole('button', { name: 'Retry now' }).click()
    await waitForConnection(page, 'reconnecting')

    stack.server = await stack.server.restart()
    await waitForConnection(page, 'open')
  })
})
