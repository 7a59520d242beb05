import { HttpResponse } from 'msw'
import { Routes, type Envelope, type Stats, type User } from '@/protocol'
import { fail, on, seed, useMswServer } from '../msw'
import { mountApp, unmountApp } from './support'

const server = useMswServer()

afterEach(async () => {
  vi.useRealTimers()
  await unmountApp()
})

function stats(overrides: Partial<Stats> = {}): Stats {
  return { total_users: 2, total_connections: 3, users: { admin: 2, user1: 1 }, ...overrides }
}

/** Serves the given stats and counts the requests. */
function serveStats(current: () => Stats) {
  const calls = { count: 0 }
  server.use(on(Routes.stats, () => {
    calls.count++
    return HttpResponse.json(current())
  }))
  return calls
}

/** Who sent the request, asked as the server would answer it (GET /api/auth/me with its token); null when nobody. */
async function callerOf(request: Request): Promise<User | null> {
  const response = await fetch(new URL(Routes.me.path, location.origin), { headers: { Authorization: request.headers.get('authorization') ?? '' } })
  return response.ok ? (await response.json() as Envelope<User>).data : null
}

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

function tableRows(wrapper: Wrapper): string[][] {
  return wrapper.findAll('.el-table__body tr').map(row => row.findAll('td').map(cell => cell.text()))
}

describe('the connection stats page', () => {
  test('a failed load offers Retry beside the error, and Retry shows the stats', async () => {
    seed.signedIn()
    let up = false
    server.use(on(Routes.stats, () => up ? HttpResponse.json(stats()) : fail(500, 'database is locked')))
    const { wrapper } = await mountApp('/stats')
    await vi.waitFor(() => expect(wrapper.find('.stats__error').exists()).toBe(true))

    up = true
    await wrapper.get('.stats__error').findAll('button').find(button => button.text() === 'Retry')!.trigger('click')
    await vi.waitFor(() => expect(tableRows(wrapper)).toEqual([['admin', '2'], ['user1', '1']]))
    expect(wrapper.find('.stats__error').exists()).toBe(false)
  })

  test('shows the totals and a row per user, busiest first', async () => {
    seed.signedIn()
    serveStats(() => stats())
    const { wrapper } = await mountApp('/stats')

    await vi.waitFor(() => expect(tableRows(wrapper)).toEqual([['admin', '2'], ['user1', '1']]))
    const numbers = wrapper.findAll('.el-statistic').map(s => s.text())
    expect(numbers).toEqual(['Users online2', 'Open connections3'])
  })

  test('refreshes every few seconds, and stops when the user leaves', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    seed.signedIn()
    let current = stats()
    const calls = serveStats(() => current)
    const { wrapper, router } = await mountApp('/stats')
    await vi.waitFor(() => expect(tableRows(wrapper)).toHaveLength(2))

    current = stats({ total_users: 3, total_connections: 4, users: { admin: 2, user1: 1, user2: 1 } })
    await vi.advanceTimersByTimeAsync(5000)
    await vi.waitFor(() => expect(tableRows(wrapper)).toHaveLength(3))

    await router.push('/tasks')
    const callsWhenLeft = calls.count
    await vi.advanceTimersByTimeAsync(20_000)
    expect(calls.count).toBe(callsWhenLeft)
  })

  test('says so when nobody is connected', async () => {
    seed.signedIn()
    serveStats(() => stats({ total_users: 0, total_connections: 0, users: {} }))
    const { wrapper } = await mountApp('/stats')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Nobody is connected'))
  })

  test('shows an error when the numbers cannot be fetched', async () => {
    seed.signedIn()
    server.use(on(Routes.stats, () => HttpResponse.text('bad gateway', { status: 502 })))
    const { wrapper } = await mountApp('/stats')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Could not load the statistics'))
  })

  test('an admin still sees the numbers when the server keeps them private (STATS_PUBLIC=false)', async () => {
    seed.signedIn('admin')
    server.use(on(Routes.stats, async ({ request }) => {
      const caller = await callerOf(request)
      if (!caller)
        return fail(401, 'unauthorized: missing bearer token')
      return caller.role === 'admin' ? HttpResponse.json(stats()) : fail(403, 'forbidden: connection statistics are for administrators')
    }))
    const { wrapper } = await mountApp('/stats')
    await vi.waitFor(() => expect(tableRows(wrapper)).toEqual([['admin', '2'], ['user1', '1']]))
  })

  test('tells a member that this server keeps the statistics for administrators', async () => {
    seed.signedIn('user1')
    server.use(on(Routes.stats, () => fail(403, 'forbidden: connection statistics are for administrators')))
    const { wrapper } = await mountApp('/stats')
    await vi.waitFor(() => expect(wrapper.text()).toContain('On this server, connection statistics are for administrators only.'))
  })
})
