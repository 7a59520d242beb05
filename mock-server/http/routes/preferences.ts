// GET/PUT /api/preferences (SPEC §3.2): what may interrupt the caller. A PUT takes any part, merges it
// into what is stored and answers the whole, which every tab and device gets as `preferences_updated`.
import { route, type ServerRoute } from '../router'

export const preferenceRoutes: ServerRoute[] = [
  route('getPreferences', async ({ ctx, authenticate }) => {
    const { user } = await authenticate()
    return { data: await ctx.triage.preferences(user.id) }
  }),
  route('updatePreferences', async ({ ctx, body, authenticate }) => {
    const { user } = await authenticate()
    return { data: await ctx.triage.updatePreferences(user.id, await body()), message: 'saved' }
  }),
]
