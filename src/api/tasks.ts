import { TaskRoutes, type CreateTaskRequest, type TaskInfo } from '@/protocol'
import { callRoute } from './http'

/** Starts a simulated analysis; returns the new task as the server sees it. */
export function start(body: CreateTaskRequest): Promise<TaskInfo> {
  return callRoute(TaskRoutes.startTask, { json: body })
}

/** The user's tasks, newest first (admins see everyone's). */
export function list(query: { symbol?: string } = {}): Promise<TaskInfo[]> {
  return callRoute(TaskRoutes.listTasks, { query })
}

export function get(id: string): Promise<TaskInfo> {
  return callRoute(TaskRoutes.getTask, { params: { id } })
}
