// The bell in jsdom against Tidings' test server (the real server's logic behind msw): one line
// pushes a notification, and the count on the bell follows.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createTidings } from 'tidings/vue'
import { createTidingsTestServer } from 'tidings/testing'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import BellButton from '../src/BellButton.vue'

const tidings = createTidingsTestServer()
beforeAll(() => tidings.listen({ onUnhandledRequest: 'error' }))
afterEach(() => tidings.reset())
afterAll(() => tidings.close())

/** The bell as the app mounts it, signed in as alice with a token of the test server's. */
function mountBell() {
  const token = tidings.signIn('alice')
  return mount(BellButton, {
    global: { plugins: [createPinia(), createTidings({ getToken: () => token })] },
  })
}

async function until(check: () => boolean) {
  await expect.poll(async () => {
    await flushPromises()
    return check()
  }, { timeout: 15_000 }).toBe(true)
}

test('shows 1 on the bell when the backend pushes a notification', async () => {
  const bell = mountBell()
  await until(() => bell.get('[data-testid="unread"]').text() === '0')

  tidings.pushNotification('alice', { title: 'Build finished' })

  await until(() => bell.get('[data-testid="unread"]').text() === '1')
})

test('lists the pushed notification when the bell is opened', async () => {
  const bell = mountBell()
  tidings.pushNotification('alice', { title: 'Report ready' })
  await bell.get('button').trigger('click')
  await until(() => bell.text().includes('Report ready'))
})
