// What each server under test exposes to the target process, whatever library it is built on.

/** Where a load client connects: a URL, and the token it presents (query, or Socket.IO `auth`). */
export interface Endpoint {
  url: string
  token?: string
}

export interface StartedTarget {
  port: number
  /** Sockets the server currently holds. */
  connections: () => number
  /** Where clients connect, rotated over the clients (one per user for servers with users). */
  endpoints: () => Promise<Endpoint[]>
  /** POST path that publishes one broadcast. */
  publishPath: string
  /** Bearer token the publisher sends (ours: an admin's). */
  publishToken?: string
  close: () => Promise<void>
}

export type TargetId = 'tidings' | 'bare-ws' | 'socket.io' | 'connect-floor'
export type ClientKind = 'tidings' | 'ws' | 'socket.io' | 'sse'
