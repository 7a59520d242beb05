// POST /api/tasks starts a simulated analysis; GET lists the caller's tasks (admins: everyone's),
// newest first, optionally for one symbol (the stock page's latest result).
import { HttpError } from '../envelope'
import { route, type ServerRoute } from '../router'
import type { ServerContext } from '../../context'
import type { TaskRecord } from '../../storage/tasks'
import { DEFAULT_STEPS } from '../../tasks/analysis'
import { publicTask } from '../../tasks/simulator'

const DEFAULT_LIST_LIMIT = 50
const MAX_LIST_LIMIT = 200

function limitParam(raw: string | null): number {
  if (raw === null || raw === '')
    return DEFAULT_LIST_LIMIT
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIST_LIMIT)
    throw new HttpError(422, `limit: must be a whole number from 1 to ${MAX_LIST_LIMIT}`)
  return value
}

/** Whole seconds until the soonest of these tasks is done at the latest, at least 1 (a `Retry-After` value). */
function secondsUntilOneFinishes(tasks: TaskRecord[]): number {
  // A task waits one step before step 1 and then runs each step, so from step k (0 while pending) n-k+1 remain.
  const remainingMs = tasks.map(task => (task.total_steps - task.step + 1) * task.step_ms)
  return Math.max(1, Math.ceil(Math.min(...remainingMs) / 1000))
}

/** The 429 for a user who already has as many unfinished tasks as allowed (all processes counted). */
async function tooManyRunning(ctx: ServerContext, userId: string): Promise<HttpError> {
  const limit = ctx.options.maxRunningTasksPerUser
  const unfinished = await ctx.tasks.unfinishedOf(userId)
  return new HttpError(429, `too many running tasks: ${unfinished.length} of ${limit} are still running; wait for one to finish`,
    { 'Retry-After': String(unfinished.length > 0 ? secondsUntilOneFinishes(unfinished) : 1) })
}

export const taskRoutes: ServerRoute[] = [
  route('startTask', async ({ ctx, body, authenticate }) => {
    const { user } = await authenticate()
    const request = await body()
    const totalSteps = (request.steps ?? DEFAULT_STEPS).length
    if (request.fail_at_step !== undefined && request.fail_at_step > totalSteps)
      throw new HttpError(422, `fail_at_step: must be at most the number of steps (${totalSteps})`)
    // Counted and stored in one write transaction: concurrent POSTs, on any process, cannot both slip under.
    const task = await ctx.tasks.start(user.id, request, ctx.options.maxRunningTasksPerUser)
    if (!task)
      throw await tooManyRunning(ctx, user.id)
    return { status: 201, data: publicTask(task), message: 'task started' }
  }),
  route('listTasks', async ({ ctx, url, authenticate }) => {
    const { user } = await authenticate()
    const symbol = url.searchParams.get('symbol') || undefined
    const tasks = await ctx.tasks.list({
      userId: user.role === 'admin' ? null : user.id,
      symbol,
      limit: limitParam(url.searchParams.get('limit')),
    })
    return { data: tasks.map(publicTask) }
  }),
  route('getTask', async ({ ctx, params, authenticate }) => {
    const { user } = await authenticate()
    const task = await ctx.tasks.get(params.id)
    if (!task || (task.user !== user.id && user.role !== 'admin'))
      throw new HttpError(404, `task ${params.id} not found`)
    return { data: publicTask(task) }
  }),
]
