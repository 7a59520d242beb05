// Password guessing: failed sign-ins are limited per user name and per client address (429 with
// Retry-After, the password not even checked), and passwords are stored as salted scrypt hashes.
import { describe, expect, test } from 'vitest'
import { hashPassword, verifyPassword } from '../../mock-server/auth/passwords'
import { Paths } from '../../src/protocol'
import { api, PASSWORDS, useTestServer, type ApiResult } from './support/server'

const RETRY_AFTER_SECONDS = /^\d+$/

function signIn(server: { current: Parameters<typeof api>[0] }, username: string, password: string, headers: Record<string, string> = {}): Promise<ApiResult> {
  return api(server.current, 'POST', Paths.login, { body: { username, password }, headers })
}

async function failTimes(server: { current: Parameters<typeof api>[0] }, times: number, username: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < times; i++)
    expect((await signIn(server, username, `guess-${i}`, headers)).status).toBe(401)
}

describe('failed sign-ins per user name', () => {
  const server = useTestServer()

  test('after 5 wrong passwords the name is refused with 429 and Retry-After, even with the right password', async () => {
    await failTimes(server, 5, 'admin')
    const refused = await signIn(server, 'admin', PASSWORDS.admin)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(RETRY_AFTER_SECONDS)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800)
    expect(refused.body).toMatchObject({ success: false, data: null })
    expect(refused.body.message).toMatch(/^too many failed sign-ins for this user name: try again in \d+ seconds$/)
  })

  test('simultaneous guesses are counted while they are checked: of 30 at once, at most 5 get an answer', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(server, 'user2', `parallel-${i}`)))
    const statuses = results.map(result => result.status)
    expect(statuses.filter(status => status === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter(status => status === 429).length).toBeGreaterThanOrEqual(25)
    expect(new Set(statuses)).toEqual(new Set([401, 429]))
  })

  test('a successful sign-in clears that name\'s failures', async () => {
    await failTimes(server, 4, 'user1')
    expect((await signIn(server, 'user1', PASSWORDS.user1)).status).toBe(200)
    await failTimes(server, 4, 'user1')
    expect((await signIn(server, 'user1', PASSWORDS.user1)).status).toBe(200)
  })

  test('unknown names are limited exactly like real ones, so a 429 tells nothing about which names exist', async () => {
    await failTimes(server, 5, 'nobody')
    const refused = await signIn(server, 'nobody', 'whatever')
    expect(refused.status).toBe(429)
    expect(refused.body.message).toMatch(/^too many failed sign-ins for this user name/)
  })
})

describe('failed sign-ins per address', () => {
  const server = useTestServer({ loginMaxFailuresPerUser: 3, loginMaxFailuresPerAddress: 6 })

  test('failures spread over many names stop at the address\'s limit', async () => {
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'])
      await failTimes(server, 1, name)
    const refused = await signIn(server, 'user2', PASSWORDS.user2)
    expect(refused.status).toBe(429)
    expect(refused.body.message).toMatch(/^too many failed sign-ins from this address: try again in \d+ seconds$/)
  })
})

describe('the failure window', () => {
  const server = useTestServer({ loginMaxFailuresPerUser: 2, loginFailureWindowSec: 1 })

  test('a name refused for too many failures can sign in again once Retry-After has passed', async () => {
    await failTimes(server, 2, 'user1')
    const refused = await signIn(server, 'user1', PASSWORDS.user1)
    expect(refused.status).toBe(429)
    await new Promise(resolve => setTimeout(resolve, Number(refused.headers.get('retry-after')) * 1000))
    await expect.poll(async () => (await signIn(server, 'user1', PASSWORDS.user1)).status, { timeout: 5000, interval: 200 }).toBe(200)
  })
})

describe('behind a reverse proxy', () => {
  const trusting = useTestServer({ loginMaxFailuresPerAddress: 2, trustProxy: true })
  const direct = useTestServer({ loginMaxFailuresPerAddress: 2 })

  test('with TRUST_PROXY each client address behind the proxy is counted on its own', async () => {
    await failTimes(trusting, 1, 'p1', { 'X-Real-IP': '203.0.113.7' })
    await failTimes(trusting, 1, 'p2', { 'X-Real-IP': '203.0.113.7' })
    expect((await signIn(trusting, 'p3', 'x', { 'X-Real-IP': '203.0.113.7' })).status).toBe(429)
    expect((await signIn(trusting, 'user1', PASSWORDS.user1, { 'X-Real-IP': '198.51.100.9' })).status).toBe(200)
  })

  test('without it a client cannot pick its own address with X-Real-IP', async () => {
    await failTimes(direct, 1, 'q1', { 'X-Real-IP': '203.0.113.1' })
    await failTimes(direct, 1, 'q2', { 'X-Real-IP': '203.0.113.2' })
    expect((await signIn(direct, 'q3', 'x', { 'X-Real-IP': '203.0.113.3' })).status).toBe(429)
  })
})

describe('stored passwords', () => {
  test('are scrypt hashes with their parameters and a random salt, never the password or a plain digest', async () => {
    const first = await hashPassword('admin123')
    const second = await hashPassword('admin123')
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(first).not.toBe(second)
    expect(first).not.toContain('admin123')
    expect(await verifyPassword('admin123', first)).toBe(true)
    expect(await verifyPassword('admin124', first)).toBe(false)
  })

  test('verify with the parameters they were made with, so the cost can be raised later', async () => {
    const cheap = await hashPassword('user123', { N: 2 ** 10, r: 8, p: 1 })
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await verifyPassword('user123', cheap)).toBe(true)
  })

  test('a malformed or absurdly expensive stored hash never matches', async () => {
    expect(await verifyPassword('x', 'sha256$abc')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$c2FsdA$a2V5')).toBe(false)
  })
})
