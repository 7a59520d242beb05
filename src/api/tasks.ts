import { Paths, type CreateTaskRequest, type TaskInfo } from '@/protocol'
import { apiFetch } from './http'

/** Starts a simulated analysis; returns the new task as the server sees it. */
export function start(body: CreateTaskRequest): Promise<TaskInfo> {
  return apiFetch<TaskInfo>(Paths.tasks, { method: 'POST', json: body })
}

/** The user's tasks, newest first (admins see everyone's). */
export async function list(query: { symbol?: string } = {}): Promise<TaskInfo[]> {
  const path = query.symbol ? `${Paths.tasks}?symbol=${encodeURIComponent(query.symbol)}` : Paths.tasks
  const data = await apiFetch<TaskInfo[] | { items: TaskInfo[] }>(path)
  return Array.isArray(data) ? data : data.items
}

export function get(id: string): Promise<TaskInfo> {
  return apiFetch<TaskInfo>(Paths.task(id))
}
