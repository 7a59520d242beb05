// Asking the mock server what it holds the way any client would, over REST, so a test checks what the
// server answers rather than the mock's own tables.
import { MAX_PAGE_SIZE, Paths, Routes, type Envelope, type NotificationPage, type Notification, type TaskInfo } from '../../src/protocol'

async function ask<T>(path: string, token: string): Promise<T> {
  const response = await fetch(new URL(path, location.origin), { headers: { Authorization: `Bearer ${token}` } })
  const body = await response.json() as Envelope<T>
  if (!response.ok || !body.data)
    throw new Error(`GET ${path} answered ${response.status}: ${body.message}`)
  return body.data
}

/** Every notification the server holds for the holder of `token` (done and snoozed ones too), newest first. */
export async function serverNotifications(token: string): Promise<Notification[]> {
  return (await ask<NotificationPage>(`${Paths.notifications}?view=all&page_size=${MAX_PAGE_SIZE}`, token)).items
}

/** The tasks the server lists for the holder of `token` (an admin: everyone's), newest first. */
export function serverTasks(token: string, limit = 50): Promise<TaskInfo[]> {
  return ask<TaskInfo[]>(`${Routes.listTasks.path}?limit=${limit}`, token)
}
