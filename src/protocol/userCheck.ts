// The signed-in user checked by hand, field by field as `userSchema` (./schemas.ts) declares it, with
// the same output (known keys only). The auth store reads the stored user on every page, the login
// page included, and this keeps zod off that page. tests/protocol/user-check.test.ts holds the two to
// the same verdicts and outputs.
import type { User } from './schemas'

const roles: ReadonlySet<unknown> = new Set<User['role']>(['admin', 'user'])

/** The user `value` describes (extra keys dropped), or null where `userSchema` would refuse it. */
export function userOf(value: unknown): User | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return null
  const { id, username, role } = value as Record<string, unknown>
  if (typeof id !== 'string' || typeof username !== 'string' || !roles.has(role))
    return null
  return { id, username, role: role as User['role'] }
}
