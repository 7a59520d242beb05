// Filling a user's inbox through the real REST API, as many clients posting at once would.
import type { RunningServer } from '../../../mock-server/app'
import { Paths, type Notification } from '../../../src/protocol'
import { notificationInput } from './factories'
import { api } from './server'

/** Requests in flight at once while filling. */
const CONCURRENCY = 50

/** Creates `count` notifications for the token's own user; returns their ids, oldest first. */
export async function fillInbox(server: RunningServer, token: string, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let done = 0; done < count; done += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, count - done) }, async () => {
      const result = await api<Notification>(server, 'POST', Paths.notifications, { token, body: notificationInput({ title: 'bulk' }) })
      if (result.status !== 201)
        throw new Error(`creating a notification failed: ${result.status} ${result.body.message}`)
      return result.body.data!.id
    })
    ids.push(...await Promise.all(batch))
  }
  return ids.sort((a, b) => Number(a) - Number(b))
}

/** Whether the user still has this notification (GET by id). */
export async function stillStored(server: RunningServer, token: string, id: string): Promise<boolean> {
  const status = (await api(server, 'GET', Paths.notification(id), { token })).status
  if (status !== 200 && status !== 404)
    throw new Error(`GET ${id} answered ${status}`)
  return status === 200
}
