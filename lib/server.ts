/**
 * The server as a module, standalone or attached to an existing `http.Server`.
 *
 * @module tidings/server
 */

/** Starts Tidings on an HTTP server of its own (what `npm run server` runs); resolves once it listens. */
export { startServer as createTidingsServer } from '../mock-server/app'
/** A running standalone server: its `url`, `publish`, `startTask`, `close`. */
export type { RunningServer as TidingsServer, IssueTokenOptions } from '../mock-server/app'
/** Mounts Tidings on an application's `http.Server` (plain Node, Express's, Fastify's `app.server`): its sockets, and its routes through `handle`/`middleware`. */
export { attachTidings } from '../mock-server/attach'
/** Tidings on an application's server, and the options it takes. */
export type { AttachOptions, TidingsAttachment } from '../mock-server/attach'
/** Every server option, each with its default; `createTidingsServer` takes any of them. */
export type { ServerOptions as TidingsServerOptions } from '../mock-server/config'
/** The settings of `npm run server` read from the environment, each checked (ConfigError on a bad one). */
export { ConfigError, optionsFromEnv } from '../mock-server/config'
/** The application's token check and the user it returns. */
export type { AuthenticateHook, TidingsUser } from '../mock-server/auth/hook'
/** What `publish` and `startTask` take and give. */
export type { PublishedNotification, TaskHandle, UserRef } from '../mock-server/publish'
/** Log sinks: `consoleLogger` (the default) and `silentLogger`. */
export { consoleLogger, silentLogger, type Logger, type LogLevel } from '../mock-server/logger'
/** Thrown by `publish`/`startTask` for what the REST API would refuse (its status and message). */
export { HttpError } from '../mock-server/http/envelope'
