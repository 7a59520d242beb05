// SPEC §1.6 settings: every variable read, every bad value refused with a message naming it.
import { describe, expect, test } from 'vitest'
import { optionsFromEnv } from '../../mock-server/config'

describe('settings from the environment', () => {
  test('reads every documented variable', () => {
    expect(optionsFromEnv({
      PORT: '8123',
      HOST: '0.0.0.0',
      JWT_SECRET: 'a-long-enough-secret-for-hs256-0123456789',
      WS_HEARTBEAT_INTERVAL: '15',
      WS_MAX_CONNECTIONS_PER_USER: '5',
      ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000/',
      TIDINGS_DB: ':memory:',
      TOKEN_TTL: '600',
      DEMO_INTERVAL: '10',
    })).toEqual({
      port: 8123,
      host: '0.0.0.0',
      jwtSecret: 'a-long-enough-secret-for-hs256-0123456789',
      heartbeatIntervalSec: 15,
      maxConnectionsPerUser: 5,
      allowedOrigins: ['https://app.example.com', 'http://localhost:3000'],
      dbPath: ':memory:',
      tokenTtlSec: 600,
      demoIntervalSec: 10,
    })
  })

  test('leaves unset variables to the defaults, and serves dist/ in production', () => {
    expect(optionsFromEnv({})).toEqual({})
    expect(optionsFromEnv({ NODE_ENV: 'production' }).staticDir).toMatch(/dist$/)
  })

  test.each([
    ['WS_HEARTBEAT_INTERVAL', 'abc', 'WS_HEARTBEAT_INTERVAL must be a positive number, got "abc"'],
    ['WS_HEARTBEAT_INTERVAL', '0', 'WS_HEARTBEAT_INTERVAL must be a positive number, got "0"'],
    ['WS_MAX_CONNECTIONS_PER_USER', '2.5', 'WS_MAX_CONNECTIONS_PER_USER must be a positive whole number, got "2.5"'],
    ['PORT', '70000', 'PORT must be a port number between 0 and 65535, got "70000"'],
    ['TOKEN_TTL', '-1', 'TOKEN_TTL must be a positive whole number, got "-1"'],
    ['DEMO_INTERVAL', 'often', 'DEMO_INTERVAL must be a number of seconds (0 turns it off), got "often"'],
    ['ALLOWED_ORIGINS', 'localhost:5173', 'ALLOWED_ORIGINS must be a comma-separated list of origins like http://localhost:5173, got "localhost:5173"'],
    ['JWT_SECRET', '  ', 'JWT_SECRET must not be empty'],
    ['STATIC_DIR', '/no/such/folder', 'STATIC_DIR "/no/such/folder" does not exist (run `npm run build` first)'],
  ])('refuses %s=%j with a message naming it', (name, value, message) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(message)
  })

  test('reads the limit settings', () => {
    expect(optionsFromEnv({
      WS_MAX_TASK_SOCKETS_PER_USER: '8',
      MAX_RUNNING_TASKS_PER_USER: '2',
      WS_MAX_CONNECTS_PER_USER_PER_SECOND: '2.5',
      HTTP_HEADERS_TIMEOUT: '5',
      HTTP_REQUEST_TIMEOUT: '20',
      MAX_CONNECTIONS: '30000',
      MAX_PENDING_CONNECTIONS_PER_IP: '100',
    })).toEqual({
      maxTaskSocketsPerUser: 8,
      maxRunningTasksPerUser: 2,
      maxConnectsPerUserPerSecond: 2.5,
      headersTimeoutSec: 5,
      requestTimeoutSec: 20,
      maxConnections: 30000,
      maxPendingConnectionsPerIp: 100,
    })
  })

  test.each([
    ['WS_MAX_TASK_SOCKETS_PER_USER', '0', 'WS_MAX_TASK_SOCKETS_PER_USER must be a positive whole number, got "0"'],
    ['MAX_RUNNING_TASKS_PER_USER', 'many', 'MAX_RUNNING_TASKS_PER_USER must be a positive whole number, got "many"'],
    ['WS_MAX_CONNECTS_PER_USER_PER_SECOND', '-1', 'WS_MAX_CONNECTS_PER_USER_PER_SECOND must be a positive number, got "-1"'],
    ['HTTP_REQUEST_TIMEOUT', '5', 'HTTP_HEADERS_TIMEOUT (10) must not be longer than HTTP_REQUEST_TIMEOUT (5)'],
    ['MAX_CONNECTIONS', '1e9.5', 'MAX_CONNECTIONS must be a positive whole number, got "1e9.5"'],
    ['MAX_PENDING_CONNECTIONS_PER_IP', '', 'MAX_PENDING_CONNECTIONS_PER_IP must be a positive whole number, got ""'],
  ])('refuses the limit %s=%j with a message naming it', (name, value, message) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(message)
  })
})
