// What the multi-process benchmarks (redis-fanout.ts, storage-engines.ts) share: server settings that
// lift the per-user limits for thousands of load sockets, and signing a load user in over REST.
import type { ClusterProcess } from '../../deploy/cluster'
import { Paths, type Envelope, type LoginResponse } from '../../src/protocol'
import { LOAD_PASSWORDS, type LOAD_USERS } from '../fanout/targets/settings'

/** Thousands of sockets per user, a slow heartbeat and long tokens: the load, not the limits, is measured. */
export const LOAD_SERVER_ENV = { WS_MAX_CONNECTIONS_PER_USER: '1000000', WS_MAX_CONNECTS_PER_USER_PER_SECOND: '1000000', WS_HEARTBEAT_INTERVAL: '900', TOKEN_TTL: '14400' }

export async function loginLoadUser(server: ClusterProcess, username: (typeof LOAD_USERS)[number]): Promise<string> {
  const response = await fetch(`${server.url}${Paths.login}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: LOAD_PASSWORDS[username] }),
  })
  return ((await response.json()) as Envelope<LoginResponse>).data!.access_token
}
