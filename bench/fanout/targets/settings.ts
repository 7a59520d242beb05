// Settings every server under test shares, so differences in the results come from the servers.

/** Heartbeat / ping interval: long enough that no heartbeat tick falls inside a measurement. */
export const HEARTBEAT_SEC = 900
/** The HS256 key of the run (ours and the Socket.IO peer verify with it). */
export const JWT_SECRET = 'tidings-bench-secret-0123456789-abcdefghij'
/** The seeded users the load is spread over (the server knows no others). */
export const LOAD_USERS = ['admin', 'user1', 'user2'] as const
export const LOAD_PASSWORDS: Record<(typeof LOAD_USERS)[number], string> = { admin: 'admin123', user1: 'user123', user2: 'user123' }
