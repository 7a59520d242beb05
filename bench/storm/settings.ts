// What the storm's servers and clients share.
import { HEARTBEAT_SEC, JWT_SECRET } from '../fanout/targets/settings'

/** Missed notifications per user, written while the server is down. */
export const MISSED = 100
/** Notifications per user each client holds before the restart (a client coming back to an empty inbox reads the first page only). */
export const HELD_BEFORE = 5

/**
 * Our server as a deployment would run it, with the per-user and per-address limits lifted: the load
 * is three users on one address, standing for thousands of browsers on as many addresses.
 */
export const STORM_SERVER_OPTIONS = {
  host: '127.0.0.1',
  jwtSecret: JWT_SECRET,
  heartbeatIntervalSec: HEARTBEAT_SEC,
  maxConnectionsPerUser: 1_000_000,
  maxConnectsPerUserPerSecond: 1_000_000,
  // Every returning client sends one `sync`: a thousand of one user's sockets at once.
  maxMessagesPerUserPerSecond: 1_000_000,
  maxPendingConnectionsPerIp: 1_000_000,
  maxConnections: 1_000_000,
  tokenTtlSec: 4 * 3600,
} as const
