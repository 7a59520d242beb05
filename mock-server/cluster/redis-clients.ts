// The two Redis connections a process ever opens, however many clients it serves: one for commands and
// PUBLISH, one in subscriber mode. Neither queues commands while Redis is away — a push must fail at once
// (and be counted) rather than pile up in memory — and both reconnect on their own, quickly.
import { Redis, type RedisOptions } from 'ioredis'
import type { Logger } from '../logger'

export interface RedisPair {
  publisher: Redis
  subscriber: Redis
  /** Closes both (politely when connected), without logging it as a lost connection. */
  close: () => Promise<void>
}

/** Reconnect delays: 100 ms, 200 ms, 400 ms … capped at 2 s. */
function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 2000)
}

/** A Redis URL fit for a log line (no password). */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@')
}

function logTransitions(redis: Redis, role: string, where: string, log: Logger, closing: () => boolean): void {
  let everReady = false
  let lost = false
  redis.on('ready', () => {
    log('info', `redis ${role} ${everReady ? 'reconnected to' : 'connected to'} ${where}`)
    everReady = true
    lost = false
  })
  redis.on('close', () => {
    if (everReady && !lost && !closing())
      log('warn', `redis ${role} lost its connection to ${where}: reconnecting; pushes reach this process's clients only until then`)
    lost = true
  })
  // ioredis reports every failed reconnect as an error: one line per outage is enough.
  let reported = false
  redis.on('ready', () => (reported = false))
  redis.on('error', (error: Error) => {
    if (!reported)
      log('warn', `redis ${role}: ${error.message}`)
    reported = true
  })
}

export function createRedisPair(url: string, connectionNamePrefix: string, log: Logger): RedisPair {
  const common: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelayMs,
    connectTimeout: 5000,
  }
  // No per-command timeout: it would arm a timer for every PUBLISH. The one reply we wait for (stats) has its own bound.
  const publisher = new Redis(url, { ...common, connectionName: `${connectionNamePrefix}:pub` })
  // Re-subscribing is ours to do on every `ready` (subscriptions.ts), from the channels we know we need.
  const subscriber = new Redis(url, { ...common, connectionName: `${connectionNamePrefix}:sub`, autoResubscribe: false })
  const where = redactRedisUrl(url)
  let closing = false
  logTransitions(publisher, 'publisher', where, log, () => closing)
  logTransitions(subscriber, 'subscriber', where, log, () => closing)
  return {
    publisher,
    subscriber,
    close: async () => {
      closing = true
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)])
    },
  }
}

/** Resolves when the connection is ready, or after `timeoutMs` (false then). */
export function whenReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready')
    return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady)
      resolve(false)
    }, timeoutMs)
    const onReady = () => {
      clearTimeout(timer)
      resolve(true)
    }
    redis.once('ready', onReady)
  })
}

/** Closes politely when connected (pending replies arrive first), at once otherwise. */
async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit()
      return
    }
    catch {}
  }
  redis.disconnect()
}
