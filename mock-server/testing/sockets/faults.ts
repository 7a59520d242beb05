// Fault injection for the notification socket: tests switch these to make the fake server misbehave
// (unreachable, silent, rate limiting), and read `socketLog` to see what the app tried.

/** How the fake server behaves; tests change it, `useMswServer` restores it after each test. */
export const socketSettings = {
  /** Heartbeat interval announced in the `connected` frame (seconds). */
  heartbeatInterval: 30,
  /** The socket endpoint is unreachable: every attempt dies at once with 1006 (REST still works). */
  down: false,
  /** Sockets open but the server never says a word (a proxy that swallowed the backend). */
  silent: false,
  /** The next this many signed-in attempts complete the handshake and close with 4429 (connect rate limit). */
  refuseAsTooMany: 0,
  /** How a `sync` is answered: as the server does, with an `unavailable` or a `busy` error naming it, or never. */
  sync: 'answer' as 'answer' | 'error' | 'busy' | 'silent',
}

/** Every attempt to open a notification socket, in order: the URL and subprotocols it used. */
export const socketLog: { url: string, protocols: string[] }[] = []

export function resetFaults(): void {
  socketSettings.heartbeatInterval = 30
  socketSettings.down = false
  socketSettings.silent = false
  socketSettings.refuseAsTooMany = 0
  socketSettings.sync = 'answer'
  socketLog.length = 0
}
