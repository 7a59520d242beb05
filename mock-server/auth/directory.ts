// Whom notifications may be addressed to: the demo's seeded users, or, when the host application
// authenticates (its users are unknown to Tidings), any user id, with `*` reaching the users online.
import type { Hub } from '../hub'
import { allUserIds, findUser } from './users'

export interface UserDirectory {
  /** Whether a notification may be addressed to this user id (otherwise 404). */
  has: (userId: string) => boolean
  /** The users a notification to `*` is stored for and pushed to. */
  everyone: () => Promise<string[]>
}

/** Tidings' own users (mock-server/auth/users.ts). */
export const seededUsers: UserDirectory = {
  has: userId => findUser(userId) !== null,
  everyone: async () => allUserIds(),
}

/**
 * The host application's users: Tidings cannot list them, so any id is accepted (the request schema
 * bounds its length) and `*` reaches those with a live socket or stream, in every process.
 */
export function applicationUsers(hub: Pick<Hub, 'liveUserIds'>): UserDirectory {
  return {
    has: () => true,
    everyone: async () => hub.liveUserIds(),
  }
}
