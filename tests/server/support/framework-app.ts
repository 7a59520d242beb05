// What the framework tests need of a host app (Express or Fastify) that mounts Tidings.

export interface FrameworkApp {
  url: string
  /** Text of the framework's own answer to GET /api/not-tidings, a path under /api that Tidings does not own. */
  notFound: string
  close: () => Promise<void>
}
