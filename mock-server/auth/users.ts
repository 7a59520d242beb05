// The seeded demo users of SPEC §1.6. A user's id is its name, which is also the JWT `sub`. Their
// passwords are public (the login page lists them); what is kept is only their scrypt hash, made once
// per process when the first server starts.
import { randomUUID } from 'node:crypto'
import type { User } from '../../src/protocol'
import { hashPassword, verifyPassword } from './passwords'

const seeded: (User & { password: string })[] = [
  { id: 'admin', username: 'admin', role: 'admin', password: 'admin123' },
  { id: 'user1', username: 'user1', role: 'user', password: 'user123' },
  { id: 'user2', username: 'user2', role: 'user', password: 'user123' },
]

const byName = new Map<string, User>(seeded.map(({ id, username, role }) => [username, { id, username, role }]))

interface Credentials {
  hashes: Map<string, string>
  /** Checked for unknown names, so they cost the same scrypt and timing does not reveal which names exist. */
  decoy: string
}

let credentials: Promise<Credentials> | null = null

async function hashSeeded(): Promise<Credentials> {
  const [decoy, ...hashes] = await Promise.all([
    hashPassword(randomUUID()),
    ...seeded.map(user => hashPassword(user.password)),
  ])
  return { decoy, hashes: new Map(seeded.map((user, index) => [user.username, hashes[index]])) }
}

/** Hashes the demo users' passwords (once per process); the server awaits it before it listens. */
export async function seedUsers(): Promise<void> {
  await (credentials ??= hashSeeded())
}

export function findUser(username: string): User | null {
  return byName.get(username) ?? null
}

/** The user when name and password match. Unknown names spend a scrypt too. */
export async function checkPassword(username: string, password: string): Promise<User | null> {
  const { hashes, decoy } = await (credentials ??= hashSeeded())
  const stored = hashes.get(username)
  const matches = await verifyPassword(password, stored ?? decoy)
  return stored !== undefined && matches ? findUser(username) : null
}

export function allUserIds(): string[] {
  return seeded.map(user => user.id)
}
