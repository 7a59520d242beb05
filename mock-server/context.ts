// Everything a request or socket handler may use, built once by openTidings() (core.ts).
import type { TokenService } from './auth/jwt'
import type { UserDirectory } from './auth/directory'
import type { LoginThrottle } from './auth/login-throttle'
import type { ServerOptions } from './config'
import type { UserRateLimits } from './connections/rate-limit'
import type { ConnectionRegistry } from './connections/registry'
import type { Admission } from './http/admission'
import type { PendingConnections } from './http/pending'
import type { Hub } from './hub'
import type { Logger } from './logger'
import type { Notifier } from './notifier'
import type { NotificationStore } from './storage/notifications'
import type { SessionStore } from './storage/sessions'
import type { TaskSimulator } from './tasks/simulator'
import type { Triage } from './triage/actions'

export interface ServerContext {
  options: ServerOptions
  log: Logger
  tokens: TokenService
  /** Whom notifications may be addressed to (Tidings' users, or the host application's). */
  users: UserDirectory
  loginThrottle: LoginThrottle
  sessions: SessionStore
  registry: ConnectionRegistry
  hub: Hub
  notifications: NotificationStore
  notifier: Notifier
  /** Unread, done, snooze, bulk and preferences (SPEC §3): stored, then pushed. */
  triage: Triage
  tasks: TaskSimulator
  /** Per-user message and connect rates. */
  limits: UserRateLimits
  /** Connections not yet authenticated or answered, per IP address. */
  pending: PendingConnections
  /** REST requests and socket handshakes: now, in a later turn, or refused (503) in a burst. */
  admission: Admission
}
