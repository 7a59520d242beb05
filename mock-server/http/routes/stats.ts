// GET /api/ws/stats: the bare object the document shows, open to `curl` without a token.
import { Paths } from '../../../src/protocol'
import { sendJson } from '../envelope'
import type { Route } from '../router'

export const statsRoutes: Route[] = [
  {
    method: 'GET',
    path: Paths.stats,
    handler({ ctx, res }) {
      sendJson(res, 200, ctx.registry.stats())
    },
  },
]
