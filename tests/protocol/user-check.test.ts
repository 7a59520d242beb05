// The hand-written check of the stored user (src/protocol/userCheck.ts) against the schema it stands in
// for on the login page: it takes what zod takes, refuses what zod refuses, and outputs what zod outputs.
import { describe, expect, test } from 'vitest'
import { userSchema } from '../../src/protocol'
import { userOf } from '../../src/protocol/userCheck'

const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ id: '1', username: 'admin', role: 'admin', ...over })
const without = (key: string) => Object.fromEntries(Object.entries(valid()).filter(([name]) => name !== key))

const accepted: Array<[string, unknown]> = [
  ['an admin', valid()],
  ['a user', valid({ role: 'user', username: 'user1', id: '2' })],
  ['empty strings for id and username', valid({ id: '', username: '' })],
  ['unknown fields (dropped)', valid({ email: 'a@b.c', token: 'x' })],
]

const refused: Array<[string, unknown]> = [
  ['a role outside admin|user', valid({ role: 'root' })],
  ['no role', without('role')],
  ['a numeric id', valid({ id: 1 })],
  ['no id', without('id')],
  ['a null username', valid({ username: null })],
  ['no username', without('username')],
  ['an array', [valid()]],
  ['null', null],
  ['a string', 'admin'],
  ['a number', 42],
]

describe('the stored user\'s check', () => {
  test.each(accepted)('takes %s, with exactly the schema\'s output', (_name, data) => {
    const viaZod = userSchema.safeParse(data)
    expect(viaZod.success).toBe(true)
    expect(userOf(data)).toStrictEqual(viaZod.data)
  })

  test.each(refused)('refuses %s, as the schema does', (_name, data) => {
    expect(userSchema.safeParse(data).success).toBe(false)
    expect(userOf(data)).toBeNull()
  })
})
