// Asking the mock server what it holds the way any client would, over REST, so a test checks what the
// server answers rather than the mock's own tables.
import { MAX_PAGE_SIZE, Paths, type Envelope, type NotificationPage, type Notification } from '../../src/protocol'

/** Every notification the server lists for the holder of `token`, newest first. */
export async function serverNotifications(token: string): Promise<Notification[]> {
  const response = await fetch(new URL(`${Paths.notifications}?page_size=${MAX_PAGE_SIZE}`, location.origin), {
    headers: { Authorization: `Bearer ${token}` },
  })
  const body = await response.json() as Envelope<NotificationPage>
  if (!response.ok || !body.data)
    throw new Error(`listing notifications answered ${response.status}: ${body.message}`)
  return body.data.items
}
