// The scale-out settings: read from the environment like every other, and refused with one clear line.
import { describe, expect, test } from 'vitest'
import { optionsFromEnv, resolveOptions } from '../../mock-server/config'

describe('scale-out settings from the environment', () => {
  test('reads REDIS_URL, REDIS_PREFIX and CLUSTER_INSTANCE_TTL', () => {
    expect(optionsFromEnv({ REDIS_URL: 'redis://127.0.0.1:6380/0', REDIS_PREFIX: 'app1:', CLUSTER_INSTANCE_TTL: '5' }))
      .toEqual({ redisUrl: 'redis://127.0.0.1:6380/0', redisPrefix: 'app1:', clusterInstanceTtlSec: 5 })
  })

  test('runs as a single process without Redis unless REDIS_URL is set (an empty value counts as unset)', () => {
    expect(resolveOptions(optionsFromEnv({})).redisUrl).toBeNull()
    expect(resolveOptions(optionsFromEnv({ REDIS_URL: '' })).redisUrl).toBeNull()
  })

  test('refuses a REDIS_URL that is not a Redis URL, without repeating its password', () => {
    expect(() => optionsFromEnv({ REDIS_URL: 'http://user:s3cret@cache:6379' }))
      .toThrow('REDIS_URL must be a Redis URL like redis://127.0.0.1:6379, got "http://***@cache:6379"')
  })

  test('refuses a lease that is not a positive number of seconds', () => {
    expect(() => optionsFromEnv({ CLUSTER_INSTANCE_TTL: '0' })).toThrow('CLUSTER_INSTANCE_TTL must be a positive number, got "0"')
  })
})
