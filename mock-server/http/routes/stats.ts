// GET /api/ws/stats: the bare object the document shows, open to `curl` without a token. A plain GET
// of a socket path says how to connect instead of a bare 404.
import { Paths } from '../../../src/protocol'
import { HttpError, sendJson } from '../envelope'
import type { Route } from '../router'

function upgradeRequired(): never {
  throw new HttpError(426, 'this endpoint is a WebSocket: connect with ws:// (or wss://) and ?token=<jwt>', { Upgrade: 'websocket' })
}

export const statsRoutes: Route[] = [
  {
    method: 'GET',
    path: Paths.stats,
    async handler({ ctx, res }) {
      // With Redis: the whole cluster's counts (each process answers the same).
      sendJson(res, 200, await ctx.hub.stats())
    },
  },
  { method: 'GET', path: Paths.notificationsSocket, handler: upgradeRequired },
  { method: 'GET', path: `${Paths.taskSocketPrefix}:id`, handler: upgradeRequired },
]
