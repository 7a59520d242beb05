// GET /api/ws/stats: the bare object the document shows, open to `curl` without a token unless
// STATS_PUBLIC=false, which asks for an admin's (the stats name every user online). GET /api/ws/health:
// what a waiting client probes, the same few bytes however many are online (the stats, probed by every
// waiting tab once a second, cost the server a pass over every connection and a body naming every user).
// A plain GET of a socket path says how to connect instead of a bare 404.
import { HttpError, sendJson } from '../envelope'
import { route, type ServerRoute } from '../router'

function upgradeRequired(): never {
  throw new HttpError(426, 'this endpoint is a WebSocket: connect with ws:// (or wss://) and ?token=<jwt>', { Upgrade: 'websocket' })
}

export const statsRoutes: ServerRoute[] = [
  route('health', () => ({ data: null })),
  route('stats', async ({ ctx, res, authenticate }) => {
    if (!ctx.options.statsPublic) {
      const caller = await authenticate()
      if (caller.user.role !== 'admin')
        throw new HttpError(403, 'forbidden: connection statistics are for administrators')
    }
    // With Redis: the whole cluster's counts (each process answers the same).
    sendJson(res, 200, await ctx.hub.stats())
  }),
  route('notificationsSocket', upgradeRequired),
  route('taskSocket', upgradeRequired),
]
