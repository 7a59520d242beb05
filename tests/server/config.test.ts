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
      SESSION_TTL: '86400',
      DEMO_INTERVAL: '10',
      STATS_PUBLIC: 'false',
      LOGIN_MAX_FAILURES_PER_USER: '3',
      LOGIN_MAX_FAILURES_PER_IP: '30',
      LOGIN_FAILURE_WINDOW: '600',
      TRUST_PROXY: 'true',
    })).toEqual({
      port: 8123,
      host: '0.0.0.0',
      jwtSecret: 'a-long-enough-secret-for-hs256-0123456789',
      heartbeatIntervalSec: 15,
      maxConnectionsPerUser: 5,
      allowedOrigins: ['https://app.example.com', 'http://localhost:3000'],
      dbPath: ':memory:',
      tokenTtlSec: 600,
      sessionTtlSec: 86400,
      demoIntervalSec: 10,
      statsPublic: false,
      loginMaxFailuresPerUser: 3,
      loginMaxFailuresPerAddress: 30,
      loginFailureWindowSec: 600,
      trustProxy: true,
    })
  })

  test('leaves unset variables to the defaults, and serves dist/ in production', () => {
    expect(optionsFromEnv({})).toEqual({})
    expect(optionsFromEnv({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32) }).staticDir).toMatch(/dist$/)
  })

  test('outside production, accepts a short key (the server warns about it at start)', () => {
    expect(optionsFromEnv({ JWT_SECRET: 'short' }).jwtSecret).toBe('short')
  })

  test.each([
    [undefined, 'JWT_SECRET must be set in production (32 or more bytes of random data)'],
    ['  ', 'JWT_SECRET must be set in production (32 or more bytes of random data)'],
    ['é'.repeat(15), 'JWT_SECRET is 30 bytes long: production needs 32 or more bytes of random data'],
  ])('in production, refuses JWT_SECRET=%j', (value, message) => {
    expect(() => optionsFromEnv({ NODE_ENV: 'production', JWT_SECRET: value })).toThrow(message)
  })

  test.each([
    ['WS_HEARTBEAT_INTERVAL', 'abc', 'WS_HEARTBEAT_INTERVAL must be a positive number, got "abc"'],
    ['WS_HEARTBEAT_INTERVAL', '0', 'WS_HEARTBEAT_INTERVAL must be a positive number, got "0"'],
    ['WS_MAX_CONNECTIONS_PER_USER', '2.5', 'WS_MAX_CONNECTIONS_PER_USER must be a positive whole number, got "2.5"'],
    ['PORT', '70000', 'PORT must be a port number between 0 and 65535, got "70000"'],
    ['TOKEN_TTL', '-1', 'TOKEN_TTL must be a positive whole number, got "-1"'],
    ['SESSION_TTL', '7d', 'SESSION_TTL must be a positive whole number, got "7d"'],
    ['DEMO_INTERVAL', 'often', 'DEMO_INTERVAL must be a number of seconds (0 turns it off), got "often"'],
    ['ALLOWED_ORIGINS', 'localhost:5173', 'ALLOWED_ORIGINS must be a comma-separated list of origins like http://localhost:5173, got "localhost:5173"'],
    ['JWT_SECRET', '  ', 'JWT_SECRET must not be empty'],
    ['STATS_PUBLIC', 'no', 'STATS_PUBLIC must be true or false, got "no"'],
    ['LOGIN_MAX_FAILURES_PER_USER', '0', 'LOGIN_MAX_FAILURES_PER_USER must be a positive whole number, got "0"'],
    ['LOGIN_MAX_FAILURES_PER_IP', 'many', 'LOGIN_MAX_FAILURES_PER_IP must be a positive whole number, got "many"'],
    ['LOGIN_FAILURE_WINDOW', '1.5', 'LOGIN_FAILURE_WINDOW must be a positive whole number, got "1.5"'],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be true or false, got "yes"'],
    ['STATIC_DIR', '/no/such/folder', 'STATIC_DIR "/no/such/folder" does not exist (run `npm run build` first)'],
  ])('refuses %s=%j with a message naming it', (name, value, message) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(message)
  })

  test('reads the limit settings', () => {
    expect(optionsFromEnv({
      WS_MAX_TASK_SOCKETS_PER_USER: '8',
      MAX_RUNNING_TASKS_PER_USER: '2',
      WS_MAX_CONNECTS_PER_USER_PER_SECOND: '2.5',
      WS_MAX_MESSAGES_PER_USER_PER_SECOND: '50',
      HTTP_HEADERS_TIMEOUT: '5',
      HTTP_REQUEST_TIMEOUT: '20',
      MAX_CONNECTIONS: '30000',
      MAX_PENDING_CONNECTIONS_PER_IP: '100',
      LISTEN_BACKLOG: '1024',
      ADMISSION_TURN_BUDGET_MS: '10',
      ADMISSION_MAX_QUEUE_MS: '0',
    })).toEqual({
      maxTaskSocketsPerUser: 8,
      maxRunningTasksPerUser: 2,
      maxConnectsPerUserPerSecond: 2.5,
      maxMessagesPerUserPerSecond: 50,
      headersTimeoutSec: 5,
      requestTimeoutSec: 20,
      maxConnections: 30000,
      maxPendingConnectionsPerIp: 100,
      listenBacklog: 1024,
      admissionTurnBudgetMs: 10,
      admissionMaxQueueMs: 0,
    })
  })

  test.each([
    ['WS_MAX_TASK_SOCKETS_PER_USER', '0', 'WS_MAX_TASK_SOCKETS_PER_USER must be a positive whole number, got "0"'],
    ['MAX_RUNNING_TASKS_PER_USER', 'many', 'MAX_RUNNING_TASKS_PER_USER must be a positive whole number, got "many"'],
    ['WS_MAX_CONNECTS_PER_USER_PER_SECOND', '-1', 'WS_MAX_CONNECTS_PER_USER_PER_SECOND must be a positive number, got "-1"'],
    ['WS_MAX_MESSAGES_PER_USER_PER_SECOND', '0', 'WS_MAX_MESSAGES_PER_USER_PER_SECOND must be a positive number, got "0"'],
    ['HTTP_REQUEST_TIMEOUT', '5', 'HTTP_HEADERS_TIMEOUT (10) must not be longer than HTTP_REQUEST_TIMEOUT (5)'],
    ['MAX_CONNECTIONS', '1e9.5', 'MAX_CONNECTIONS must be a positive whole number, got "1e9.5"'],
    ['MAX_PENDING_CONNECTIONS_PER_IP', '', 'MAX_PENDING_CONNECTIONS_PER_IP must be a positive whole number, got ""'],
    ['LISTEN_BACKLOG', '0', 'LISTEN_BACKLOG must be a positive whole number, got "0"'],
    ['ADMISSION_TURN_BUDGET_MS', '-5', 'ADMISSION_TURN_BUDGET_MS must be a number of milliseconds (0 or more), got "-5"'],
    ['ADMISSION_MAX_QUEUE_MS', 'soon', 'ADMISSION_MAX_QUEUE_MS must be a number of milliseconds (0 or more), got "soon"'],
  ])('refuses the limit %s=%j with a message naming it', (name, value, message) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(message)
  })

  test('reads DATABASE_URL, and refuses one that is not PostgreSQL\'s in one line that hides its password', () => {
    expect(optionsFromEnv({ DATABASE_URL: 'postgres://tidings:secret@db.internal:5432/tidings' }))
      .toEqual({ databaseUrl: 'postgres://tidings:secret@db.internal:5432/tidings' })
    expect(() => optionsFromEnv({ DATABASE_URL: 'mysql://root:secret@db/tidings' }))
      .toThrow('DATABASE_URL must be a PostgreSQL URL like postgres://user:password@127.0.0.1:5432/tidings, got "mysql://***@db/tidings"')
    expect(() => optionsFromEnv({ DATABASE_URL: 'postgres://db.internal' })).toThrow(/^DATABASE_URL must be a PostgreSQL URL/)
  })
})
