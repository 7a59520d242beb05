// The notification frame as a client of protocol v1 knows it (src/protocol/schemas.ts before v1.1, i.e.
// before `archived` and `snoozed_until`), to check that v1.1 stays additive.
import * as z from 'zod/mini'

export const v1NotificationSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  content: z.string(),
  type: z.enum(['analysis', 'alert', 'system']),
  link: z.optional(z.nullable(z.string())),
  source: z.optional(z.nullable(z.string())),
  created_at: z.string().check(z.minLength(1)),
  status: z.enum(['unread', 'read']),
})

export const v1NotificationFrameSchema = z.object({ type: z.literal('notification'), data: v1NotificationSchema })
