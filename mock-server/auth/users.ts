// The seeded demo users of SPEC §1.6. A user's id is its name, which is also the JWT `sub`.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { User } from '../../src/protocol'

interface SeededUser extends User {
  passwordDigest: Buffer
}

const digest = (password: string) => createHash('sha256').update(password).digest()

const seeded: SeededUser[] = [
  { id: 'admin', username: 'admin', role: 'admin', passwordDigest: digest('admin123') },
  { id: 'user1', username: 'user1', role: 'user', passwordDigest: digest('user123') },
  { id: 'user2', username: 'user2', role: 'user', passwordDigest: digest('user123') },
]

const byName = new Map(seeded.map(user => [user.username, user]))

function publicUser({ id, username, role }: SeededUser): User {
  return { id, username, role }
}

export function findUser(username: string): User | null {
  const user = byName.get(username)
  return user ? publicUser(user) : null
}

/** The user when name and password match; compares digests in constant time. */
export function checkPassword(username: string, password: string): User | null {
  const user = byName.get(username)
  const given = digest(password)
  // Compare against something even for an unknown name so timing does not reveal which names exist.
  const expected = user?.passwordDigest ?? digest('\0no-such-user')
  const matches = timingSafeEqual(given, expected)
  return user && matches ? publicUser(user) : null
}

export function allUserIds(): string[] {
  return seeded.map(user => user.id)
}
