// Password hashes: scrypt from node:crypto with a random salt per hash, stored with its parameters as
// `scrypt$<N>$<r>$<p>$<salt>$<key>` (base64url), so the cost can be raised later and older hashes still
// verify. Hashing runs on libuv's thread pool (the async `scrypt`), never on the event loop.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number
  /** Block size. */
  r: number
  /** Parallelism. */
  p: number
}

/** 32 MiB per hash: tens of milliseconds on a server core, so guessing offline is slow too. */
const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32
/** Stored parameters beyond these are refused, rather than letting one row allocate gigabytes. */
const MAX_N = 2 ** 20
const MAX_R = 32
const MAX_P = 16

function derive(password: string, salt: Buffer, keyBytes: number, { N, r, p }: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs about 128·N·r bytes; Node refuses anything above 32 MiB unless told.
    scrypt(password, salt, keyBytes, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** A new salted hash of the password, parameters included. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, KEY_BYTES, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

interface StoredHash {
  cost: ScryptCost
  salt: Buffer
  key: Buffer
}

function parse(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$')
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key)
    return null
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  const powerOfTwo = Number.isInteger(cost.N) && cost.N > 1 && (cost.N & (cost.N - 1)) === 0
  if (!powerOfTwo || cost.N > MAX_N || !Number.isInteger(cost.r) || cost.r < 1 || cost.r > MAX_R
    || !Number.isInteger(cost.p) || cost.p < 1 || cost.p > MAX_P)
    return null
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
}

/** True when the password matches the stored hash; the keys are compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed || parsed.key.length === 0)
    return false
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.cost)
  return timingSafeEqual(key, parsed.key)
}
